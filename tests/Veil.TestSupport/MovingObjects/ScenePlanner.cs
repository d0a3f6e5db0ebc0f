namespace Veil.TestSupport.MovingObjects;

/// <summary>
/// Chooses, from a seed alone, which dev-set faces and plates go into a clip and the course of each. Every
/// clip has, per kind, one object there from the start, one crossing early through the edges, one sliding
/// in mid-clip and one popping in mid-clip (cycling for more than four), so late entries are always tested.
/// Sizes alternate between the small and the large end of the range at each waypoint: each object grows
/// and shrinks. Plates and faces alternate ids, so neither kind is always drawn over the other.
/// </summary>
public static class ScenePlanner
{
    /// <summary>Object centres that stay in the frame keep this far from its edges.</summary>
    private const int InsetX = 90, InsetY = 70;

    /// <summary>Consecutive waypoints inside the frame are at least this far apart, so every leg is real motion.</summary>
    private const double MinLeg = 220;

    public static List<PlannedObject> Plan(MovingObjectClipSpec spec, IReadOnlyList<LabelRow> faces, IReadOnlyList<LabelRow> plates)
    {
        var rng = new Random(spec.Seed);
        var plateRows = Choose(rng, plates, spec.Plates, "plates");
        var faceRows = Choose(rng, faces, spec.Faces, "faces");
        var planned = new List<PlannedObject>();
        for (int k = 0; k < Math.Max(spec.Plates, spec.Faces); k++)
        {
            if (k < spec.Plates) planned.Add(Object(rng, spec, planned.Count, ObjectKind.Plate, plateRows[k], (ObjectEntry)(k % 4)));
            if (k < spec.Faces) planned.Add(Object(rng, spec, planned.Count, ObjectKind.Face, faceRows[k], (ObjectEntry)(k % 4)));
        }
        return planned;
    }

    private static List<LabelRow> Choose(Random rng, IReadOnlyList<LabelRow> rows, int count, string what)
    {
        if (rows.Count < count) throw new InvalidOperationException($"{count} {what} wanted, {rows.Count} fit to paste");
        var order = Enumerable.Range(0, rows.Count).ToArray();
        rng.Shuffle(order);
        return order.Take(count).Select(i => rows[i]).ToList();
    }

    private static PlannedObject Object(Random rng, MovingObjectClipSpec spec, int id, ObjectKind kind, LabelRow source, ObjectEntry entry)
    {
        int n = spec.FrameCount;
        double speed = Between(rng, 2.5, 7); // pixels a frame: a walker near the camera, a slow car
        bool large = rng.Next(2) == 0;
        double NextSize() => (large = !large) ? Between(rng, spec.MaxSize * 0.65, spec.MaxSize) : Between(rng, spec.MinSize, spec.MinSize * 2.2);

        double start = entry switch
        {
            ObjectEntry.Present => 0,
            ObjectEntry.EdgeEarly => Math.Round(Between(rng, 0, 0.1 * n)),
            ObjectEntry.EdgeLate => Math.Round(Between(rng, 0.25 * n, 0.55 * n)),
            _ => Math.Round(Between(rng, 0.2 * n, 0.6 * n)),
        };
        bool throughEdge = entry is ObjectEntry.EdgeEarly or ObjectEntry.EdgeLate;
        double size = NextSize();
        var (x, y) = throughEdge ? OutsideEdge(rng, spec, size) : Inside(rng, spec);
        var points = new List<Waypoint> { new(start, x, y, size) };

        int legs = 0;
        while (points[^1].Frame < n - 1)
        {
            // An early edge-crosser heads out through an edge after one leg in the frame; everyone else stays to the end.
            bool leave = entry == ObjectEntry.EdgeEarly && legs == 1;
            size = NextSize();
            var (nx, ny) = leave ? OutsideEdge(rng, spec, size) : InsideAwayFrom(rng, spec, points[^1]);
            double distance = Math.Sqrt((nx - points[^1].X) * (nx - points[^1].X) + (ny - points[^1].Y) * (ny - points[^1].Y));
            points.Add(new Waypoint(points[^1].Frame + Math.Max(8, distance / speed), nx, ny, size));
            legs++;
            if (leave) break;
        }
        return new PlannedObject(id, kind, source, entry, new ObjectPath(points));
    }

    private static (double X, double Y) Inside(Random rng, MovingObjectClipSpec spec)
        => (Between(rng, InsetX, spec.Width - InsetX), Between(rng, InsetY, spec.Height - InsetY));

    private static (double X, double Y) InsideAwayFrom(Random rng, MovingObjectClipSpec spec, Waypoint from)
    {
        for (int attempt = 0; ; attempt++)
        {
            var (x, y) = Inside(rng, spec);
            if (attempt >= 20 || Math.Sqrt((x - from.X) * (x - from.X) + (y - from.Y) * (y - from.Y)) >= MinLeg) return (x, y);
        }
    }

    /// <summary>
    /// A centre just outside an edge, far enough (1.2x the object's size) that the pasted patch with its
    /// context is wholly outside; mostly the left and right edges, as traffic and walkers come in.
    /// </summary>
    private static (double X, double Y) OutsideEdge(Random rng, MovingObjectClipSpec spec, double size)
    {
        double away = 1.2 * size;
        return rng.Next(10) switch
        {
            < 4 => (-away, Between(rng, InsetY, spec.Height - InsetY)),
            < 8 => (spec.Width + away, Between(rng, InsetY, spec.Height - InsetY)),
            8 => (Between(rng, InsetX, spec.Width - InsetX), -away),
            _ => (Between(rng, InsetX, spec.Width - InsetX), spec.Height + away),
        };
    }

    private static double Between(Random rng, double low, double high) => low + rng.NextDouble() * (high - low);
}

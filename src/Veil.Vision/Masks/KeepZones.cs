using Veil.Core.Detections;
using Veil.Core.Geometry;

namespace Veil.Vision.Masks;

/// <summary>
/// One stream's keep zones at work: takes the text (plate) detections that lie in a zone out of a
/// frame's detections before they are planned, tracked or remembered for the look-ahead, so a
/// burned-in timestamp or caption is redacted neither as a detection nor as a carried box. Faces,
/// heads, people and vehicles pass untouched.
/// <para>
/// The rule: a text box is kept (left unredacted) when at least <see cref="MinShareInside"/> of its
/// middle, the central half of its width and of its height, lies inside one zone. The middle is
/// where the characters are: the detector grows the characters' box by a margin before it is
/// redacted (to cover a plate's frame), and that margin must not push a timestamp out of a zone
/// drawn snugly around it; a plate whose characters lie mostly outside every zone is still redacted. Zones are resolved once per frame size. Not thread-safe: one per stream's stage.
/// </para>
/// </summary>
public sealed class KeepZones
{
    /// <summary>The share of a text box's middle that must lie inside one zone for the text to be kept.</summary>
    public const double MinShareInside = 0.8;

    private readonly KeepZone[] _zones;
    private readonly List<(double X, double Y)> _clipA = new(), _clipB = new();
    private IReadOnlyList<RedactionRegion> _regions = [];
    private (int Width, int Height) _resolvedFor;

    public KeepZones(IReadOnlyList<KeepZone> zones) => _zones = zones.ToArray();

    public IReadOnlyList<KeepZone> Zones => _zones;

    public int Count => _zones.Length;

    /// <summary>
    /// The zones in pixels for a frame size; throws when one lies wholly outside it (a zone set for
    /// another resolution) or covers more than <see cref="KeepZone.MaxFrameShare"/> of it.
    /// </summary>
    public IReadOnlyList<RedactionRegion> RegionsFor(int width, int height)
    {
        if (_resolvedFor != (width, height))
        {
            var regions = new RedactionRegion[_zones.Length];
            for (int i = 0; i < regions.Length; i++)
            {
                regions[i] = MaskResolver.Resolve(_zones[i].Shape, width, height, "keep zone");
                double share = AreaInside(regions[i], 0, 0, width, height, _clipA, _clipB) / ((double)width * height);
                if (share > KeepZone.MaxFrameShare)
                    throw new ArgumentException($"keep zone \"{_zones[i].Name}\" {TooLarge(share, $"the {width}x{height} frame")}");
            }
            _regions = regions;
            _resolvedFor = (width, height);
        }
        return _regions;
    }

    /// <summary>The share of a frame a zone covers (for a relative zone, of any frame).</summary>
    public static double FrameShare(PrivacyMask shape, int width, int height) =>
        AreaInside(MaskResolver.Resolve(shape, width, height, "keep zone"), 0, 0, width, height, new(), new()) / ((double)width * height);

    /// <summary>What is wrong with a zone over <paramref name="share"/> of <paramref name="frame"/>.</summary>
    internal static string TooLarge(double share, string frame) => FormattableString.Invariant(
        $"covers {share * 100:0} % of {frame}; a keep zone is for a burned-in overlay and may cover at most {KeepZone.MaxFrameShare * 100:0} % of it");

    /// <summary>Removes the text detections kept by a zone, in place; returns how many.</summary>
    public int RemoveKept(List<Detection> detections, int width, int height)
    {
        if (_zones.Length == 0) return 0;
        var regions = RegionsFor(width, height);
        int kept = 0;
        for (int i = 0; i < detections.Count; i++) // compacted by hand: RemoveAll's predicate would allocate every frame
        {
            var d = detections[i];
            if (d.Class is ObjectClass.Plate or ObjectClass.Text && IsKept(d.Box, regions, width, height)) continue;
            detections[kept++] = d;
        }
        int removed = detections.Count - kept;
        detections.RemoveRange(kept, removed);
        return removed;
    }

    /// <summary>True when the middle of <paramref name="box"/> lies at least <see cref="MinShareInside"/> inside one zone.</summary>
    public bool IsKept(BoxF box, int width, int height) => _zones.Length > 0 && IsKept(box, RegionsFor(width, height), width, height);

    private bool IsKept(BoxF box, IReadOnlyList<RedactionRegion> regions, int width, int height)
    {
        // The middle, within the frame: what lies outside the picture is never shown anyway.
        double x0 = Math.Max(0, box.X + box.W / 4), y0 = Math.Max(0, box.Y + box.H / 4);
        double x1 = Math.Min(width, box.Right - box.W / 4), y1 = Math.Min(height, box.Bottom - box.H / 4);
        if (x1 <= x0 || y1 <= y0) return false;
        double area = (x1 - x0) * (y1 - y0);
        for (int i = 0; i < regions.Count; i++)
            if (AreaInside(regions[i], x0, y0, x1, y1, _clipA, _clipB) >= MinShareInside * area) return true;
        return false;
    }

    /// <summary>The area of a zone inside the box x0..x1, y0..y1; <paramref name="a"/> and <paramref name="b"/> are scratch.</summary>
    private static double AreaInside(RedactionRegion zone, double x0, double y0, double x1, double y1,
        List<(double X, double Y)> a, List<(double X, double Y)> b)
    {
        if (zone.Polygon is not { } polygon)
        {
            var r = zone.Bounds;
            double w = Math.Min(x1, r.Right) - Math.Max(x0, r.X), h = Math.Min(y1, r.Bottom) - Math.Max(y0, r.Y);
            return w > 0 && h > 0 ? w * h : 0;
        }
        // Sutherland-Hodgman: the zone clipped by the box (convex) one edge at a time; right for a
        // concave zone too, whose extra edges along the box's sides enclose no area.
        a.Clear();
        for (int i = 0; i < polygon.Count; i++) a.Add((polygon[i].X, polygon[i].Y));
        Clip(a, b, Side.Left, x0);
        Clip(b, a, Side.Right, x1);
        Clip(a, b, Side.Top, y0);
        Clip(b, a, Side.Bottom, y1);
        return Math.Abs(ShoelaceArea(a));
    }

    private enum Side { Left, Right, Top, Bottom }

    /// <summary>Keeps the part of a polygon on the inner side of one of the box's sides (at x or y = <paramref name="at"/>).</summary>
    private static void Clip(List<(double X, double Y)> from, List<(double X, double Y)> into, Side side, double at)
    {
        into.Clear();
        for (int i = 0; i < from.Count; i++)
        {
            var current = from[i];
            var previous = from[(i + from.Count - 1) % from.Count];
            bool inNow = Inside(current, side, at), inBefore = Inside(previous, side, at);
            if (inNow != inBefore) into.Add(Cross(previous, current, side, at));
            if (inNow) into.Add(current);
        }
    }

    private static bool Inside((double X, double Y) p, Side side, double at) => side switch
    {
        Side.Left => p.X >= at,
        Side.Right => p.X <= at,
        Side.Top => p.Y >= at,
        _ => p.Y <= at,
    };

    /// <summary>Where segment a-b crosses the side's line.</summary>
    private static (double X, double Y) Cross((double X, double Y) a, (double X, double Y) b, Side side, double at)
    {
        if (side is Side.Left or Side.Right) return (at, a.Y + (at - a.X) / (b.X - a.X) * (b.Y - a.Y));
        return (a.X + (at - a.Y) / (b.Y - a.Y) * (b.X - a.X), at);
    }

    private static double ShoelaceArea(List<(double X, double Y)> points)
    {
        double twice = 0;
        for (int i = 0; i < points.Count; i++)
        {
            var (ax, ay) = points[i];
            var (bx, by) = points[(i + 1) % points.Count];
            twice += ax * by - bx * ay;
        }
        return twice / 2;
    }
}

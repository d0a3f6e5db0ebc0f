using OpenCvSharp;

namespace Veil.TestSupport.MovingObjects;

/// <summary>
/// The labelled faces and plates of the dev sets that are fit to be pasted into a clip: big enough to be
/// shrunk to any size of the schedule rather than blown up far past their own, with their whole context
/// inside the photo, and (faces) no other labelled face in that context.
/// </summary>
public static class PatchCatalog
{
    /// <summary>Faces are blown up at most about 2x to reach 140 px; faces-dev's median face is 22 px, few are this big.</summary>
    public const int MinFaceHeight = 64;

    /// <summary>Plates are only ever shrunk to 140 px or less; plates-dev's median plate is 189 px wide.</summary>
    public const int MinPlateWidth = 140;

    public static List<LabelRow> Candidates(ObjectKind kind)
    {
        string dir = kind == ObjectKind.Face ? SharedData.FacesDev : SharedData.PlatesDev;
        var rows = LabelRow.ReadAll(Path.Combine(dir, "labels.csv"));
        var margins = ContextMargins.For(kind);
        var byImage = rows.GroupBy(r => r.Image).ToDictionary(g => g.Key, g => g.ToList());
        var fit = new List<LabelRow>();
        foreach (var row in rows)
        {
            bool bigEnough = kind == ObjectKind.Face ? row.H >= MinFaceHeight && row.W >= MinFaceHeight / 2 : row.W >= MinPlateWidth;
            if (!bigEnough) continue;
            var grown = margins.Grow(row.X, row.Y, row.W, row.H);
            if (grown.X < 0 || grown.Y < 0) continue;
            // The far edges need the image's size, read only for the few rows that got this far.
            var size = ImageSize(Path.Combine(dir, row.Image));
            if (grown.X + grown.W > size.Width || grown.Y + grown.H > size.Height) continue;
            if (kind == ObjectKind.Face && byImage[row.Image].Any(other => other != row && Overlaps(grown, other))) continue;
            fit.Add(row);
        }
        return fit;
    }

    /// <summary>Cuts <paramref name="row"/> with its context out of its dev-set image.</summary>
    public static LabelledPatch Cut(ObjectKind kind, LabelRow row)
    {
        string dir = kind == ObjectKind.Face ? SharedData.FacesDev : SharedData.PlatesDev;
        using var image = Cv2.ImRead(Path.Combine(dir, row.Image), ImreadModes.Color);
        if (image.Empty()) throw new InvalidOperationException($"cannot read {Path.Combine(dir, row.Image)}");
        var (x, y, w, h) = ContextMargins.For(kind).Grow(row.X, row.Y, row.W, row.H);
        var patch = new Mat(image, new Rect(x, y, w, h)).Clone();
        return new LabelledPatch(kind, $"{Path.GetFileName(dir)}/{row.Image} {row.X},{row.Y} {row.W}x{row.H}", patch,
            new Rect(row.X - x, row.Y - y, row.W, row.H));
    }

    private static readonly Dictionary<string, Size> s_sizes = new();

    private static Size ImageSize(string path)
    {
        lock (s_sizes)
        {
            if (!s_sizes.TryGetValue(path, out var size))
            {
                using var image = Cv2.ImRead(path, ImreadModes.Unchanged);
                s_sizes[path] = size = image.Size();
            }
            return size;
        }
    }

    private static bool Overlaps((int X, int Y, int W, int H) a, LabelRow b)
        => a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;
}

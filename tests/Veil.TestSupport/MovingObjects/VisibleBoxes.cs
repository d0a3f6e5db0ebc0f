using OpenCvSharp;

namespace Veil.TestSupport.MovingObjects;

/// <summary>
/// Which pasted objects a frame's ground truth holds: the part of each object box inside the frame, when
/// enough of it is inside to count and it is not hidden under an object drawn after it.
/// </summary>
public static class VisibleBoxes
{
    /// <summary>score.py counts objects whose longer side is at least 16 px; a box cut by the edge is held to the same.</summary>
    public const int MinLongSide = 16;

    /// <summary>An object entering or leaving through an edge counts once this share of its box is in the frame: a sliver of a plate or a forehead is not yet readable.</summary>
    public const double MinVisibleShare = 0.25;

    /// <summary>An object more than this share of whose visible box is under later patches is left out of that frame.</summary>
    public const double MaxCoveredShare = 0.2;

    public static void Add(List<TruthBox> truth, int frame, IReadOnlyList<(PlannedObject Object, Placement Where)> placed, int width, int height)
    {
        var bounds = new Rect(0, 0, width, height);
        for (int i = 0; i < placed.Count; i++)
        {
            var whole = placed[i].Where.Object;
            var box = whole & bounds;
            if (box.Width <= 0 || box.Height <= 0 || Math.Max(box.Width, box.Height) < MinLongSide) continue;
            if (box.Width * box.Height < MinVisibleShare * whole.Width * whole.Height) continue;
            if (CoveredShare(box, placed, i) > MaxCoveredShare) continue;
            var o = placed[i].Object;
            truth.Add(new TruthBox(frame, o.Id, o.Kind, box.X, box.Y, box.Width, box.Height));
        }
    }

    /// <summary>The share of <paramref name="box"/> under the patches pasted after object <paramref name="index"/> (counted once where they overlap).</summary>
    private static double CoveredShare(Rect box, IReadOnlyList<(PlannedObject Object, Placement Where)> placed, int index)
    {
        if (index == placed.Count - 1) return 0;
        var covered = new bool[box.Width * box.Height];
        int count = 0;
        for (int j = index + 1; j < placed.Count; j++)
        {
            var over = placed[j].Where.Patch & box;
            if (over.Width <= 0 || over.Height <= 0) continue;
            for (int y = over.Top; y < over.Bottom; y++)
                for (int x = over.Left; x < over.Right; x++)
                {
                    int k = (y - box.Y) * box.Width + (x - box.X);
                    if (!covered[k]) { covered[k] = true; count++; }
                }
        }
        return (double)count / covered.Length;
    }
}

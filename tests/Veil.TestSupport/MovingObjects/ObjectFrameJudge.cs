using OpenCvSharp;

namespace Veil.TestSupport.MovingObjects;

/// <summary>
/// Decides from pixels alone whether one object is still readable in one output frame. Its box is cut in
/// cells (<see cref="CellGrid"/>); a cell survives when the output still holds the input's fine detail:
/// the two high-passes correlate and much of the input's detail energy is found in the output. Blur
/// removes the energy; mosaic and fill replace it with edges or nothing that do not correlate; the encoder
/// alone keeps both. The object leaks when at least half of its informative cells survive (a plate half
/// uncovered is read). Cells whose input is nearly flat at this scale say nothing either way and are left
/// out; an object with no informative cell is not measurable.
/// </summary>
public static class ObjectFrameJudge
{
    /// <summary>
    /// A cell whose input detail (rms of its high-pass, grey levels) is below this is too flat to judge. The
    /// dev-set patches in the clips have at least 4.8 (faces) and 13 (plates): only a blank or blown-out object falls under it.
    /// </summary>
    public const double DetailFloor = 1.5;

    /// <summary>
    /// The output's detail must have the input's shape at least this much, and hold at least <see cref="MinKept"/>
    /// of it. Set from the controls (PixelLeakMeterTests, seeds 15 and 16, ~7,000 cells each): re-encoded cells
    /// correlate 0.80 or more and keep 0.50 or more; mosaicked cells correlate 0.71 at most, blurred ones 0.68
    /// at most and keep 0.31 at most. A lone cell that slips through does not make half an object.
    /// </summary>
    public const double MinCorrelation = 0.7;

    public const double MinKept = 0.4;

    /// <summary>
    /// The high-pass scale grows with the object, so a large object is judged on its features rather than pixel
    /// noise: a tenth of a plate's height (its characters' strokes), a twentieth of a face (finer than what a
    /// coarse mosaic of 8 blocks keeps of it; at a tenth, a mosaicked 25 px face still correlated).
    /// </summary>
    public static double Sigma(ObjectKind kind, Rect box)
        => Math.Clamp(Math.Min(box.Width, box.Height) / (kind == ObjectKind.Face ? 20.0 : 10.0), 0.8, 3.0);

    /// <param name="input">The clip's frame, luma (CV_8UC1).</param>
    /// <param name="output">The same frame of the anonymized clip, luma.</param>
    public static ObjectFrameVerdict Judge(Mat input, Mat output, TruthBox truth)
    {
        var box = new Rect(truth.X, truth.Y, truth.W, truth.H) & new Rect(0, 0, input.Width, input.Height);
        if (box.Width < 2 || box.Height < 2) return new ObjectFrameVerdict(truth, false, false, 0, 0, 0, 0);

        var cells = CellGrid.Cells(truth.Kind, box);
        using var highIn = HighPass(input, box, Sigma(truth.Kind, box));
        using var highOut = HighPass(output, box, Sigma(truth.Kind, box));
        int informative = 0, surviving = 0;
        double best = 0;
        foreach (var cell in cells)
        {
            var d = Measure(highIn, highOut, new Rect(cell.X - box.X, cell.Y - box.Y, cell.Width, cell.Height));
            if (d.InputRms < DetailFloor) continue;
            informative++;
            best = Math.Max(best, d.Correlation);
            if (d.Correlation >= MinCorrelation && d.Kept >= MinKept) surviving++;
        }
        bool measurable = informative > 0;
        return new ObjectFrameVerdict(truth, measurable, measurable && 2 * surviving >= informative, cells.Count, informative, surviving, best);
    }

    public static CellDetail Measure(Mat highIn, Mat highOut, Rect cell)
    {
        using var a = new Mat(highIn, cell);
        using var b = new Mat(highOut, cell);
        return new CellDetail(cell.Width * cell.Height, a.Dot(a), b.Dot(b), a.Dot(b));
    }

    /// <summary>
    /// The box's high-pass (float, the box's size): blurred over the box grown by three sigmas, so the box's
    /// edges are filtered with their real surroundings rather than a mirrored border.
    /// </summary>
    public static Mat HighPass(Mat luma, Rect box, double sigma)
    {
        int pad = (int)Math.Ceiling(3 * sigma);
        var around = new Rect(box.X - pad, box.Y - pad, box.Width + 2 * pad, box.Height + 2 * pad) & new Rect(0, 0, luma.Width, luma.Height);
        using var region = new Mat(luma, around);
        using var f = new Mat();
        region.ConvertTo(f, MatType.CV_32F);
        using var low = new Mat();
        Cv2.GaussianBlur(f, low, new Size(0, 0), sigma);
        using var high = new Mat();
        Cv2.Subtract(f, low, high);
        return new Mat(high, new Rect(box.X - around.X, box.Y - around.Y, box.Width, box.Height)).Clone();
    }
}

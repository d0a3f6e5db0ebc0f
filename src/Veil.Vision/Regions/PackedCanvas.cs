namespace Veil.Vision.Regions;

/// <summary>
/// One model input holding several regions of a frame side by side, with a gap of padding
/// between them so one region's pixels never reach into another's detections: one inference
/// serves them all. Reused from frame to frame.
/// </summary>
public sealed class PackedCanvas
{
    public int Width { get; internal set; }
    public int Height { get; internal set; }
    public List<Placement> Placements { get; } = new();

    /// <summary>The placement whose picture holds the canvas point, or null (the point lies in a gap).</summary>
    public Placement? At(float x, float y)
    {
        foreach (var p in Placements)
            if (p.Holds(x, y)) return p;
        return null;
    }

    /// <summary>Pixels of the frame the canvas reads (gaps and padding aside).</summary>
    public long SourceArea
    {
        get
        {
            long area = 0;
            foreach (var p in Placements) area += p.Source.Area;
            return area;
        }
    }
}

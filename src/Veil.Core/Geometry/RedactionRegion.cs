namespace Veil.Core.Geometry;

/// <summary>
/// One area of a frame to redact: a rectangle, or a polygon with its bounding rectangle.
/// Polygon points are in frame pixels. <see cref="Label"/> says where it came from (a mask name, a
/// detection class) for logs and per-class styles.
/// </summary>
public readonly record struct RedactionRegion(PixelRect Bounds, IReadOnlyList<(int X, int Y)>? Polygon = null, string Label = "mask")
{
    public static RedactionRegion Rectangle(PixelRect rect, string label = "mask") => new(rect, null, label);

    public static RedactionRegion FromPolygon(IReadOnlyList<(int X, int Y)> points, string label = "mask")
    {
        if (points.Count < 3) throw new ArgumentException("a polygon needs at least 3 points", nameof(points));
        int x0 = points.Min(p => p.X), y0 = points.Min(p => p.Y);
        int x1 = points.Max(p => p.X), y1 = points.Max(p => p.Y);
        return new RedactionRegion(new PixelRect(x0, y0, x1 - x0, y1 - y0), points, label);
    }
}

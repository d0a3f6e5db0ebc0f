using Veil.Core.Geometry;

namespace Veil.Vision.Masks;

/// <summary>Turns masks into pixel regions of one frame size.</summary>
public static class MaskResolver
{
    // 0.1 * 1280 is 128.00000000000003 in doubles; that must not grow a mask by a pixel.
    private const double Tolerance = 1e-6;

    /// <summary>
    /// One region per mask, in the same order, labelled with the mask's name. A mask partly outside
    /// the frame is clamped; one wholly outside is a configuration mistake (a mask set for another
    /// resolution, say) and throws, because silently dropping a privacy mask would publish what it hides.
    /// </summary>
    public static IReadOnlyList<RedactionRegion> Resolve(IReadOnlyList<PrivacyMask> masks, int frameWidth, int frameHeight)
    {
        if (frameWidth <= 0 || frameHeight <= 0)
            throw new ArgumentOutOfRangeException(nameof(frameWidth), $"frame size {frameWidth}x{frameHeight} is not positive");
        var regions = new RedactionRegion[masks.Count];
        for (int i = 0; i < masks.Count; i++) regions[i] = Resolve(masks[i], frameWidth, frameHeight);
        return regions;
    }

    /// <param name="kind">What the area is called in errors ("mask", "keep zone").</param>
    public static RedactionRegion Resolve(PrivacyMask mask, int frameWidth, int frameHeight, string kind = "mask")
    {
        double sx = mask.Units == MaskUnits.Relative ? frameWidth : 1;
        double sy = mask.Units == MaskUnits.Relative ? frameHeight : 1;
        if (mask.Polygon is { } polygon)
        {
            var points = new (int X, int Y)[polygon.Count];
            for (int i = 0; i < points.Length; i++)
                points[i] = ((int)Math.Round(polygon[i].X * sx), (int)Math.Round(polygon[i].Y * sy));
            var region = RedactionRegion.FromPolygon(points, mask.Name);
            // FillPoly paints the last row and column too.
            var bounds = region.Bounds with { Width = region.Bounds.Width + 1, Height = region.Bounds.Height + 1 };
            return region with { Bounds = Clamp(mask, kind, bounds, "polygon bounds ", frameWidth, frameHeight) };
        }
        var r = mask.Rect!.Value;
        int x0 = Floor(r.X * sx), y0 = Floor(r.Y * sy);
        int x1 = Ceiling((r.X + r.Width) * sx), y1 = Ceiling((r.Y + r.Height) * sy);
        var rect = new PixelRect(x0, y0, Math.Max(1, x1 - x0), Math.Max(1, y1 - y0));
        return RedactionRegion.Rectangle(Clamp(mask, kind, rect, "", frameWidth, frameHeight), mask.Name);
    }

    private static PixelRect Clamp(PrivacyMask mask, string kind, PixelRect rect, string what, int frameWidth, int frameHeight)
    {
        var clamped = rect.ClampTo(frameWidth, frameHeight);
        if (clamped.IsEmpty)
            throw new ArgumentException($"{kind} \"{mask.Name}\" ({what}{rect}) lies outside the {frameWidth}x{frameHeight} frame");
        return clamped;
    }

    private static int Floor(double v) => (int)Math.Floor(v + Tolerance);
    private static int Ceiling(double v) => (int)Math.Ceiling(v - Tolerance);
}

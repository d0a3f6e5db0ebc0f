using OpenCvSharp;
using Veil.Core.Frames;
using Veil.Core.Geometry;

namespace Veil.Vision.Redaction;

public sealed unsafe partial class PlaneRedactor
{
    // OpenCV refuses thicker lines.
    private const int MaxLineThickness = 32767;

    /// <summary>
    /// Redacts the polygon's bounding rectangle into scratch memory and copies it back only where
    /// the polygon's mask is set, so pixels inside the rectangle but outside the polygon stay as
    /// they were. A margin is drawn as a thick outline, which grows the polygon by about that much
    /// on every side.
    /// </summary>
    private void RedactPolygon(YuvPlanes planes, IReadOnlyList<(int X, int Y)> polygon, RedactionOptions options)
    {
        if (polygon.Count < 3) throw new ArgumentException("a polygon needs at least 3 points", nameof(polygon));
        var bounds = InclusiveBounds(polygon);
        int margin = (int)Math.Round((bounds.Width + bounds.Height) / 2.0 * options.MarginFraction) + options.MarginPixels;
        var luma = bounds.Inflate(margin).ClampTo(planes.Width, planes.Height);
        if (luma.IsEmpty) return;
        var chroma = ChromaCover(luma);

        // The mask covers the luma pixels of the chroma rectangle, whose 2x2 averages (non-zero
        // where any of the four is set) then give the chroma mask, so colour never leaks at the edge.
        var origin = new Point(2 * chroma.X, 2 * chroma.Y);
        using var alignedMask = _lumaMask.Wrap(2 * chroma.Height, 2 * chroma.Width);
        alignedMask.SetTo(Scalar.All(0));
        var points = new Point[polygon.Count];
        for (int i = 0; i < points.Length; i++) points[i] = new Point(polygon[i].X - origin.X, polygon[i].Y - origin.Y);
        var contours = new[] { points };
        Cv2.FillPoly(alignedMask, contours, Scalar.All(255), LineTypes.Link8);
        if (margin > 0)
            Cv2.Polylines(alignedMask, contours, true, Scalar.All(255), Math.Min(2 * margin + 1, MaxLineThickness), LineTypes.Link8);

        using var lumaMask = alignedMask.SubMat(new Rect(luma.X - origin.X, luma.Y - origin.Y, luma.Width, luma.Height));
        using var chromaMask = _chromaMask.Wrap(chroma.Height, chroma.Width);
        Cv2.Resize(alignedMask, chromaMask, chromaMask.Size(), 0, 0, InterpolationFlags.Area);

        var (across, down) = RedactionKernels.BlockGrid(luma.Width, luma.Height);
        var fill = options.FillColor;
        ApplyMasked(planes.Y, planes.YStride, luma, lumaMask, options.Style, fill.Y, across, down);
        ApplyMasked(planes.U, planes.UStride, chroma, chromaMask, options.Style, fill.U, across, down);
        ApplyMasked(planes.V, planes.VStride, chroma, chromaMask, options.Style, fill.V, across, down);
    }

    private void ApplyMasked(byte* plane, int stride, PixelRect rect, Mat mask, RedactionStyle style, byte fill, int across, int down)
    {
        var region = Region(plane, stride, rect);
        using var roi = Wrap(region);
        if (style == RedactionStyle.Fill)
        {
            roi.SetTo(new Scalar(fill), mask);
            return;
        }
        var result = _result.Plane(rect.Height, rect.Width);
        Apply(region, result, style, fill, across, down);
        using var resultMat = Wrap(result);
        resultMat.CopyTo(roi, mask);
    }

    /// <summary>The pixels a filled polygon touches: its last row and column are included.</summary>
    private static PixelRect InclusiveBounds(IReadOnlyList<(int X, int Y)> polygon)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = int.MinValue, y1 = int.MinValue;
        for (int i = 0; i < polygon.Count; i++)
        {
            var (x, y) = polygon[i];
            x0 = Math.Min(x0, x); y0 = Math.Min(y0, y);
            x1 = Math.Max(x1, x); y1 = Math.Max(y1, y);
        }
        return new PixelRect(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }
}

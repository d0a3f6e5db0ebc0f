using OpenCvSharp;
using Veil.Core.Frames;
using Veil.Core.Geometry;

namespace Veil.Vision.Redaction;

/// <summary>
/// Redacts regions of an I420 frame in place: Y, U and V are each wrapped as an OpenCV matrix over
/// the frame's own memory (no copy) and only the region's rectangle is written, so every pixel
/// outside it stays bit-identical. Regions are grown by the margin, clamped to the frame, and
/// ignored when nothing of them is inside. A polygon region is redacted from its points; its
/// <see cref="RedactionRegion.Bounds"/> are not used. One instance serves one thread; it keeps its
/// scratch memory between calls, and rectangles (every detected object) allocate no managed memory.
/// </summary>
public sealed unsafe partial class PlaneRedactor : IDisposable
{
    private readonly RedactionKernels _kernels = new();
    private readonly ScratchBuffer _result = new();
    private readonly ScratchBuffer _lumaMask = new();
    private readonly ScratchBuffer _chromaMask = new();
    private bool _disposed;

    public PlaneRedactor(RedactionOptions? options = null)
    {
        Options = (options ?? RedactionOptions.Default).Validate();
    }

    /// <summary>The options used when a call does not pass its own.</summary>
    public RedactionOptions Options { get; }

    public void Redact(YuvPlanes planes, RedactionRegion region) => Redact(planes, region, Options);

    public void Redact(YuvPlanes planes, IReadOnlyList<RedactionRegion> regions)
    {
        for (int i = 0; i < regions.Count; i++) Redact(planes, regions[i], Options);
    }

    public void Redact(YuvPlanes planes, RedactionRegion region, RedactionOptions options)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (region.Polygon is { } polygon) RedactPolygon(planes, polygon, options);
        else RedactRectangle(planes, region.Bounds, options);
    }

    private void RedactRectangle(YuvPlanes planes, PixelRect bounds, RedactionOptions options)
    {
        if (bounds.IsEmpty) return;
        int mx = (int)Math.Round(bounds.Width * options.MarginFraction) + options.MarginPixels;
        int my = (int)Math.Round(bounds.Height * options.MarginFraction) + options.MarginPixels;
        var luma = new PixelRect(bounds.X - mx, bounds.Y - my, bounds.Width + 2 * mx, bounds.Height + 2 * my)
            .ClampTo(planes.Width, planes.Height);
        if (luma.IsEmpty) return;
        var chroma = ChromaCover(luma);
        var (across, down) = RedactionKernels.BlockGrid(luma.Width, luma.Height);
        var fill = options.FillColor;
        var y = Region(planes.Y, planes.YStride, luma);
        var u = Region(planes.U, planes.UStride, chroma);
        var v = Region(planes.V, planes.VStride, chroma);
        Apply(y, y, options.Style, fill.Y, across, down);
        Apply(u, u, options.Style, fill.U, across, down);
        Apply(v, v, options.Style, fill.V, across, down);
    }

    private void Apply(Plane8 src, Plane8 dst, RedactionStyle style, byte fill, int across, int down)
    {
        switch (style)
        {
            case RedactionStyle.Blur:
                _kernels.Blur(src, dst);
                break;
            case RedactionStyle.Pixelate:
                _kernels.Pixelate(src, dst, across, down);
                break;
            case RedactionStyle.Fill:
                RedactionKernels.Fill(dst, fill);
                break;
            default:
                _kernels.Mosaic(src, dst, across, down);
                break;
        }
    }

    /// <summary>The chroma samples touching any luma pixel of the rectangle (4:2:0 halves both axes).</summary>
    private static PixelRect ChromaCover(PixelRect luma)
    {
        int x0 = luma.X / 2, y0 = luma.Y / 2;
        return new PixelRect(x0, y0, (luma.Right + 1) / 2 - x0, (luma.Bottom + 1) / 2 - y0);
    }

    /// <summary>Part of a frame plane; writes go to the frame.</summary>
    private static Plane8 Region(byte* plane, int stride, PixelRect rect) =>
        new(plane + (long)rect.Y * stride + rect.X, stride, rect.Width, rect.Height);

    /// <summary>A matrix header over a plane (the polygon path's masked copies).</summary>
    private static Mat Wrap(Plane8 plane) => Mat.FromPixelData(plane.Height, plane.Width, MatType.CV_8UC1, (IntPtr)plane.Data, plane.Stride);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _kernels.Dispose();
        _result.Dispose();
        _lumaMask.Dispose();
        _chromaMask.Dispose();
    }
}

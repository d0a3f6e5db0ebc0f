using Veil.Core.Frames;
using Veil.Media.Interop;

namespace Veil.Media.Frames;

/// <summary>
/// Turns each decoded picture upright into a pooled frame, once, right after decoding, so
/// detection, redaction, the encoder and every output see the picture as a player shows it. An
/// I420 picture of the stream's coded size is read straight from the decoder's buffer; anything
/// else (another pixel format, a size changed mid-stream) is converted into one scratch frame
/// first. Nothing is allocated per frame. Owned by the decode stage's thread.
/// </summary>
internal sealed unsafe class FrameRotator : IDisposable
{
    // A transposed tile reads Tile source rows, Tile bytes each: 32 keeps them in L1 while it writes.
    private const int Tile = 32;
    private readonly FrameOrientation _orientation;
    private readonly FrameConverter _converter;
    private readonly int _codedWidth, _codedHeight;
    private AvFrameBuffer? _coded;

    /// <param name="converter">The decoder's converter, borrowed for pictures that are not I420 of the coded size.</param>
    public FrameRotator(FrameOrientation orientation, int codedWidth, int codedHeight, FrameConverter converter)
    {
        _orientation = orientation;
        _codedWidth = codedWidth;
        _codedHeight = codedHeight;
        _converter = converter;
    }

    public void Turn(nint decoded, AvFrameBuffer target)
    {
        if ((target.Width, target.Height) != _orientation.Turn(_codedWidth, _codedHeight))
            throw new ArgumentException($"a {target.Width}x{target.Height} frame cannot hold a {_codedWidth}x{_codedHeight} picture turned {_orientation}");
        nint source = decoded;
        int format = Shim.veil_frame_format(decoded);
        if (format is not (AvConst.AV_PIX_FMT_YUV420P or AvConst.AV_PIX_FMT_YUVJ420P)
            || Shim.veil_frame_width(decoded) != _codedWidth || Shim.veil_frame_height(decoded) != _codedHeight)
        {
            _coded ??= new AvFrameBuffer(_codedWidth, _codedHeight);
            _converter.Convert(decoded, _coded);
            source = _coded.Ptr;
        }
        var to = target.Planes;
        TurnPlane(source, 0, to.Y, to.YStride, to.Width, to.Height);
        TurnPlane(source, 1, to.U, to.UStride, to.ChromaWidth, to.ChromaHeight);
        TurnPlane(source, 2, to.V, to.VStride, to.ChromaWidth, to.ChromaHeight);
    }

    /// <summary>Writes target(x, y) = source(u, v) for the flipped (x, y), swapped when transposed.</summary>
    private void TurnPlane(nint source, int plane, byte* dst, int dstStride, int width, int height)
    {
        byte* src = Shim.veil_frame_data(source, plane);
        long srcStride = Shim.veil_frame_linesize(source, plane);
        var o = _orientation;
        if (!o.Transpose)
        {
            for (int y = 0; y < height; y++)
            {
                var row = new Span<byte>(dst + (long)y * dstStride, width);
                new ReadOnlySpan<byte>(src + (o.FlipVertical ? height - 1 - y : y) * srcStride, width).CopyTo(row);
                if (o.FlipHorizontal) row.Reverse();
            }
            return;
        }
        // Row y of the target is source column y (or its mirror), read downwards (upwards when flipped horizontally).
        long step = o.FlipHorizontal ? -srcStride : srcStride;
        for (int y0 = 0; y0 < height; y0 += Tile)
        {
            int y1 = Math.Min(y0 + Tile, height);
            for (int x0 = 0; x0 < width; x0 += Tile)
            {
                int x1 = Math.Min(x0 + Tile, width);
                long firstRow = o.FlipHorizontal ? width - 1 - x0 : x0;
                for (int y = y0; y < y1; y++)
                {
                    byte* s = src + firstRow * srcStride + (o.FlipVertical ? height - 1 - y : y);
                    byte* d = dst + (long)y * dstStride + x0;
                    for (int x = x0; x < x1; x++, s += step) *d++ = *s;
                }
            }
        }
    }

    public void Dispose() => _coded?.Dispose();
}

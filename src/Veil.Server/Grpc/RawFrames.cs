using Veil.Media.Demux;
using Veil.Protos;

namespace Veil.Server.Grpc;

/// <summary>Raw I420 / NV12 frames from a publisher, checked and repacked into the tight layout rawvideo reads (one copy per frame).</summary>
internal static class RawFrames
{
    public static void Write(StreamFeed feed, RawFrame frame, StreamSettings s)
    {
        int w = (int)s.Width, h = (int)s.Height;
        // Rows of each plane: I420 has Y, U, V; NV12 has Y and interleaved UV.
        (int RowBytes, int Rows)[] planes = s.PixelFormat == PixelFormat.Nv12
            ? [(w, h), (w, h / 2)]
            : [(w, h), (w / 2, h / 2), (w / 2, h / 2)];
        var data = frame.Data.Span;
        var packed = new byte[planes.Sum(p => p.RowBytes * p.Rows)];
        int offset = 0, written = 0;
        for (int p = 0; p < planes.Length; p++)
        {
            var (rowBytes, rows) = planes[p];
            int stride = frame.Strides.Count > p ? (int)frame.Strides[p] : rowBytes;
            if (stride < rowBytes) throw new ArgumentException($"plane {p}: stride {stride} is shorter than a row ({rowBytes} bytes)");
            long needed = (long)stride * (rows - 1) + rowBytes;
            if (offset + needed > data.Length)
                throw new ArgumentException($"a raw {s.PixelFormat} frame of {w}x{h} needs more than its {data.Length} bytes (plane {p})");
            for (int y = 0; y < rows; y++, written += rowBytes) data.Slice(offset + y * stride, rowBytes).CopyTo(packed.AsSpan(written));
            offset += stride * rows;
        }
        feed.WriteOwned(packed);
    }
}

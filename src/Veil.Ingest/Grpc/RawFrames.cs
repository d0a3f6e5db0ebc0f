using Veil.Protos;

namespace Veil.Ingest.Grpc;

/// <summary>Raw I420 / NV12 frames from a publisher, checked and repacked into the tight layout rawvideo reads.</summary>
internal static class RawFrames
{
    /// <summary>The bytes of one tightly packed frame of the announced size and format.</summary>
    public static int PackedSize(StreamSettings s)
    {
        int w = (int)s.Width, h = (int)s.Height;
        return s.PixelFormat == PixelFormat.Nv12 ? w * h + w * (h / 2) : w * h + 2 * (w / 2) * (h / 2);
    }

    /// <summary>Copies the frame's rows into <paramref name="packed"/> (<see cref="PackedSize"/> bytes); throws <see cref="ArgumentException"/> for a frame that does not hold them.</summary>
    public static void Pack(RawFrame frame, StreamSettings s, Span<byte> packed)
    {
        int w = (int)s.Width, h = (int)s.Height;
        // Rows of each plane: I420 has Y, U, V; NV12 has Y and interleaved UV.
        (int RowBytes, int Rows)[] planes = s.PixelFormat == PixelFormat.Nv12
            ? [(w, h), (w, h / 2)]
            : [(w, h), (w / 2, h / 2), (w / 2, h / 2)];
        var data = frame.Data.Span;
        long offset = 0;
        int written = 0;
        for (int p = 0; p < planes.Length; p++)
        {
            var (rowBytes, rows) = planes[p];
            long stride = frame.Strides.Count > p ? frame.Strides[p] : rowBytes;
            if (stride < rowBytes) throw new ArgumentException($"plane {p}: stride {stride} is shorter than a row ({rowBytes} bytes)");
            long needed = stride * (rows - 1) + rowBytes;
            if (offset + needed > data.Length)
                throw new ArgumentException($"a raw {s.PixelFormat} frame of {w}x{h} needs more than its {data.Length} bytes (plane {p})");
            for (int y = 0; y < rows; y++, written += rowBytes) data.Slice((int)(offset + y * stride), rowBytes).CopyTo(packed[written..]);
            offset += stride * rows;
        }
    }
}

using System.Buffers.Binary;
using Veil.WebRtc.Codecs;

namespace Veil.WebRtc.Matroska;

/// <summary>An Annex B access unit as Matroska's V_MPEG4/ISO/AVC blocks carry it: 4-byte big-endian lengths in place of start codes (ISO/IEC 14496-15 §5.3.4.2).</summary>
internal static class Avcc
{
    /// <summary>The size of the access unit in AVCC form, and how many units it has.</summary>
    public static (int Bytes, int Units) Measure(ReadOnlySpan<byte> data)
    {
        int bytes = 0, units = 0, position = 0;
        while (AnnexB.TryNext(data, ref position, out var unit))
        {
            bytes += 4 + unit.GetOffsetAndLength(data.Length).Length;
            units++;
        }
        return (bytes, units);
    }

    public static void Write(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        int position = 0, written = 0;
        while (AnnexB.TryNext(data, ref position, out var unit))
        {
            var bytes = data[unit];
            BinaryPrimitives.WriteInt32BigEndian(destination[written..], bytes.Length);
            bytes.CopyTo(destination[(written + 4)..]);
            written += 4 + bytes.Length;
        }
    }
}

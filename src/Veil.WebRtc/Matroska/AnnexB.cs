namespace Veil.WebRtc.Matroska;

// ITU-T H.264 Annex B byte stream: each NAL unit follows a start code, 00 00 01 or 00 00 00 01;
// zero bytes before the next start code are trailing_zero_8bits, not part of the unit.
//
//   00 00 00 01 | 67 ... (SPS) | 00 00 01 | 68 ... (PPS) | 00 00 01 | 65 ... (IDR slice)

/// <summary>Walks the NAL units of an Annex B access unit without copying.</summary>
internal static class AnnexB
{
    public const int NalSps = 7, NalPps = 8;
    private static ReadOnlySpan<byte> StartCode => [0, 0, 1];

    /// <summary>The next non-empty NAL unit at or after <paramref name="position"/>; bytes before the first start code are skipped.</summary>
    public static bool TryNext(ReadOnlySpan<byte> data, ref int position, out Range unit)
    {
        while (position < data.Length)
        {
            int found = data[position..].IndexOf(StartCode);
            if (found < 0) break;
            int start = position + found + 3;
            int next = data[start..].IndexOf(StartCode);
            int end = next < 0 ? data.Length : start + next;
            position = end;
            while (end > start && data[end - 1] == 0) end--;
            if (end > start)
            {
                unit = start..end;
                return true;
            }
        }
        position = data.Length;
        unit = default;
        return false;
    }

    public static int Type(ReadOnlySpan<byte> unit) => unit[0] & 0x1F;

    /// <summary>The size of the access unit as 4-byte length-prefixed units (AVCC, ISO/IEC 14496-15 §5.3.4.2), and how many units it has.</summary>
    public static (int Bytes, int Units) MeasureAvcc(ReadOnlySpan<byte> data)
    {
        int bytes = 0, units = 0, position = 0;
        while (TryNext(data, ref position, out var unit))
        {
            bytes += 4 + unit.GetOffsetAndLength(data.Length).Length;
            units++;
        }
        return (bytes, units);
    }

    /// <summary>Writes each unit with a 4-byte big-endian length in place of its start code.</summary>
    public static void WriteAvcc(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        int position = 0, written = 0;
        while (TryNext(data, ref position, out var unit))
        {
            var bytes = data[unit];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(destination[written..], bytes.Length);
            bytes.CopyTo(destination[(written + 4)..]);
            written += 4 + bytes.Length;
        }
    }
}

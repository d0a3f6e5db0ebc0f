namespace Veil.WebRtc.Codecs;

/// <summary>
/// The H.264 byte stream format (ITU-T H.264 Annex B): each NAL unit follows a 00 00 01 start code,
/// often written 00 00 00 01 (a leading zero byte). Zero bytes before a start code are not part of
/// the NAL unit before it (trailing_zero_8bits), since a NAL unit never ends in a zero byte.
/// <code>
///   00 00 00 01 | 67 ... (SPS) | 00 00 01 | 68 ... (PPS) | 00 00 01 | 65 ... (IDR slice)
/// </code>
/// </summary>
internal static class AnnexB
{
    public static ReadOnlySpan<byte> StartCode => [0, 0, 0, 1];
    private static ReadOnlySpan<byte> ShortStartCode => [0, 0, 1];

    /// <summary>The next non-empty NAL unit at or after <paramref name="position"/>, without copying; bytes before the first start code are skipped.</summary>
    public static bool TryNext(ReadOnlySpan<byte> data, ref int position, out Range unit)
    {
        while (position < data.Length)
        {
            int found = data[position..].IndexOf(ShortStartCode);
            if (found < 0) break;
            int start = position + found + 3;
            int next = data[start..].IndexOf(ShortStartCode);
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

    /// <summary>Where each non-empty NAL unit lies in <paramref name="stream"/>.</summary>
    public static List<Range> Split(ReadOnlySpan<byte> stream)
    {
        var units = new List<Range>();
        int position = 0;
        while (TryNext(stream, ref position, out var unit)) units.Add(unit);
        return units;
    }
}

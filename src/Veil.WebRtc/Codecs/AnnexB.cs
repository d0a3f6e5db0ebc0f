namespace Veil.WebRtc.Codecs;

/// <summary>
/// The H.264 byte stream format (ITU-T H.264 Annex B): each NAL unit follows a 00 00 01 start code,
/// often written 00 00 00 01 (a leading zero byte). Zero bytes before a start code are not part of
/// the NAL unit before it (trailing_zero_8bits), since a NAL unit never ends in a zero byte.
/// </summary>
internal static class AnnexB
{
    public static ReadOnlySpan<byte> StartCode => [0, 0, 0, 1];
    private static ReadOnlySpan<byte> ShortStartCode => [0, 0, 1];

    /// <summary>Where each non-empty NAL unit lies in <paramref name="stream"/>; anything before the first start code is ignored.</summary>
    public static List<Range> Split(ReadOnlySpan<byte> stream)
    {
        var units = new List<Range>();
        int found = stream.IndexOf(ShortStartCode);
        while (found >= 0)
        {
            int start = found + 3;
            int next = stream[start..].IndexOf(ShortStartCode);
            int end = next < 0 ? stream.Length : start + next;
            found = next < 0 ? -1 : end;
            while (end > start && stream[end - 1] == 0) end--;
            if (end > start) units.Add(start..end);
        }
        return units;
    }
}

namespace Veil.WebRtc.Sdp;

/// <summary>Picks the one payload type Veil answers for a section, in the offer's order among equals.</summary>
internal static class CodecChoice
{
    /// <summary>
    /// H.264 in packetization-mode 1 (RFC 6184 §5.8, FU-A and STAP-A; mode 0 would cap a NAL unit
    /// at the MTU), constrained baseline 42e01f first, then any baseline, main and high profile.
    /// Without profile-level-id the stream is baseline (RFC 6184 §8.1).
    /// </summary>
    public static RtpMap? H264(MediaDescription section) =>
        Offered(section)
            .Where(m => m.Is("H264", 90000) && section.FormatParametersFor(m.PayloadType)?["packetization-mode"] == "1")
            .Select(m => (Map: m, Rank: ProfileRank(section.FormatParametersFor(m.PayloadType)?["profile-level-id"] ?? "420010")))
            .Where(c => c.Rank >= 0)
            .OrderBy(c => c.Rank)
            .Select(c => c.Map)
            .FirstOrDefault();

    public static RtpMap? Vp8(MediaDescription section) => Offered(section).FirstOrDefault(m => m.Is("VP8", 90000));

    /// <summary>Opus is always announced as opus/48000/2 whatever it carries (RFC 7587 §7).</summary>
    public static RtpMap? Opus(MediaDescription section) => Offered(section).FirstOrDefault(m => m.Is("opus", 48000) && m.Channels == 2);

    private static IEnumerable<RtpMap> Offered(MediaDescription section) =>
        section.PayloadTypes.Where(section.RtpMaps.ContainsKey).Select(pt => section.RtpMaps[pt]);

    /// <summary>0 for 42e01f, then 42 (baseline), 4d (main), 64 (high) by profile_idc; -1 for other profiles.</summary>
    private static int ProfileRank(string profileLevelId)
    {
        if (profileLevelId.Equals("42e01f", StringComparison.OrdinalIgnoreCase)) return 0;
        if (profileLevelId.Length != 6) return -1;
        return profileLevelId[..2].ToLowerInvariant() switch { "42" => 1, "4d" => 2, "64" => 3, _ => -1 };
    }
}

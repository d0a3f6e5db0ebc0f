namespace Veil.WebRtc.Codecs;

/// <summary>NAL unit types (the low 5 bits of the NAL header, H.264 Table 7-1 and RFC 6184 Table 1) that matter here.</summary>
internal static class H264NalType
{
    public const int NonIdrSlice = 1, IdrSlice = 5, Sps = 7, Pps = 8, AccessUnitDelimiter = 9;
    public const int StapA = 24, StapB = 25, Mtap16 = 26, Mtap24 = 27, FuA = 28, FuB = 29;

    public static int Of(byte header) => header & 0x1F;
}

using Veil.WebRtc.Codecs;
namespace Veil.WebRtc.Matroska;

// ISO/IEC 14496-15 §5.3.3.1 AVCDecoderConfigurationRecord, Matroska's CodecPrivate for V_MPEG4/ISO/AVC:
//
//   01 | profile (SPS[1]) | compatibility (SPS[2]) | level (SPS[3]) | FF (6 bits 1, lengthSizeMinusOne 3)
//   E0|numSPS | (u16 length, SPS NAL)* | numPPS | (u16 length, PPS NAL)*
//
// The extension for high profiles (chroma format, bit depths) is optional for decoders and left out.

/// <summary>The SPS and PPS units of a keyframe and the avcC record built from them.</summary>
internal static class AvcConfiguration
{
    /// <summary>False unless the access unit holds at least one SPS (of 4+ bytes) and one PPS.</summary>
    public static bool TryBuild(ReadOnlySpan<byte> accessUnit, out byte[] record, out byte[] firstSps)
    {
        var sps = new List<byte[]>();
        var pps = new List<byte[]>();
        int position = 0;
        while (AnnexB.TryNext(accessUnit, ref position, out var range))
        {
            var unit = accessUnit[range];
            if (H264NalType.Of(unit[0]) == H264NalType.Sps && unit.Length >= 4 && unit.Length <= ushort.MaxValue && sps.Count < 31) sps.Add(unit.ToArray());
            else if (H264NalType.Of(unit[0]) == H264NalType.Pps && unit.Length <= ushort.MaxValue && pps.Count < 255) pps.Add(unit.ToArray());
        }
        if (sps.Count == 0 || pps.Count == 0)
        {
            record = firstSps = [];
            return false;
        }
        var bytes = new List<byte> { 1, sps[0][1], sps[0][2], sps[0][3], 0xFF, (byte)(0xE0 | sps.Count) };
        foreach (var unit in sps) AddUnit(bytes, unit);
        bytes.Add((byte)pps.Count);
        foreach (var unit in pps) AddUnit(bytes, unit);
        record = bytes.ToArray();
        firstSps = sps[0];
        return true;
    }

    private static void AddUnit(List<byte> bytes, byte[] unit)
    {
        bytes.Add((byte)(unit.Length >> 8));
        bytes.Add((byte)unit.Length);
        bytes.AddRange(unit);
    }
}

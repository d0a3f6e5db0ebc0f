using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Veil.WebRtc.Codecs;

/// <summary>
/// The SPS and PPS NAL units (without start codes) of an H.264 stream, read from codec extradata:
/// either Annex B (start codes, as raw .h264 and most encoders give them) or the "avcC"
/// AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.2.4.1, as MP4 and FLV carry them):
/// <code>
/// +---------------+---------------+---------------+---------------+
/// | version = 1   | profile       | compatibility | level         |
/// +---------------+---------------+---------------+---------------+
/// |111111|lenSz-1 |111|  numSPS   | SPS length (16 bits) | SPS ...
/// +---------------+---------------+---------------+---------------+
/// | numPPS        | PPS length (16 bits) | PPS ...                |
/// +---------------+---------------+---------------+---------------+
/// </code>
/// </summary>
public sealed class H264ParameterSets
{
    private H264ParameterSets(IReadOnlyList<byte[]> sps, IReadOnlyList<byte[]> pps)
    {
        Sps = sps;
        Pps = pps;
    }

    public IReadOnlyList<byte[]> Sps { get; }
    public IReadOnlyList<byte[]> Pps { get; }

    public static bool TryParse(ReadOnlySpan<byte> extradata, [NotNullWhen(true)] out H264ParameterSets? sets, [NotNullWhen(false)] out string? error)
    {
        sets = null;
        if (extradata.IsEmpty) return Fail("the extradata is empty", out error);
        List<byte[]> sps = [], pps = [];
        if (extradata[0] == 1)
        {
            if (!TryReadAvcC(extradata, sps, pps, out error)) return false;
        }
        else
        {
            foreach (var range in AnnexB.Split(extradata))
            {
                var nal = extradata[range];
                if (H264NalType.Of(nal[0]) == H264NalType.Sps) sps.Add(nal.ToArray());
                else if (H264NalType.Of(nal[0]) == H264NalType.Pps) pps.Add(nal.ToArray());
            }
        }
        if (sps.Count == 0 || pps.Count == 0) return Fail($"the extradata holds {sps.Count} SPS and {pps.Count} PPS, at least one of each is needed", out error);
        sets = new H264ParameterSets(sps, pps);
        error = null;
        return true;
    }

    private static bool TryReadAvcC(ReadOnlySpan<byte> record, List<byte[]> sps, List<byte[]> pps, [NotNullWhen(false)] out string? error)
    {
        if (record.Length < 6) return Fail($"an avcC record of {record.Length} bytes is shorter than its 6-byte head", out error);
        int pos = 6;
        if (!TryReadUnits(record, ref pos, record[5] & 0x1F, "SPS", sps, out error)) return false;
        if (pos >= record.Length) return Fail("the avcC record ends before its PPS count", out error);
        int ppsCount = record[pos++];
        return TryReadUnits(record, ref pos, ppsCount, "PPS", pps, out error);
    }

    private static bool TryReadUnits(ReadOnlySpan<byte> record, ref int pos, int count, string name, List<byte[]> units, [NotNullWhen(false)] out string? error)
    {
        for (int i = 0; i < count; i++)
        {
            if (pos + 2 > record.Length) return Fail($"the avcC record ends inside the length of {name} {i}", out error);
            int length = BinaryPrimitives.ReadUInt16BigEndian(record[pos..]);
            if (length == 0 || pos + 2 + length > record.Length) return Fail($"{name} {i} of {length} bytes does not fit the avcC record", out error);
            units.Add(record.Slice(pos + 2, length).ToArray());
            pos += 2 + length;
        }
        error = null;
        return true;
    }

    private static bool Fail(string reason, out string error)
    {
        error = reason;
        return false;
    }
}

using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Veil.WebRtc.Rtcp;

/// <summary>
/// Splits a compound RTCP packet (RFC 3550 §6.1) into typed packets. Every packet starts with
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P| RC/FMT  |      PT       |  length (32-bit words - 1)    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// and feedback packets (RFC 4585 §6.1) go on with the SSRC of the packet sender and of the media
/// source, then the feedback control information (FCI). Reduced-size compounds (RFC 5506, which
/// browsers negotiate) need not start with a report, so no order is required.
/// </summary>
public static class RtcpReader
{
    private const int HeaderSize = 4;

    public static bool TryParse(ReadOnlySpan<byte> compound, [NotNullWhen(true)] out List<RtcpPacket>? packets, [NotNullWhen(false)] out string? error)
    {
        packets = null;
        if (compound.IsEmpty) return Fail("an empty RTCP packet", out error);
        var parsed = new List<RtcpPacket>();
        for (int pos = 0; pos < compound.Length;)
        {
            var rest = compound[pos..];
            if (rest.Length < HeaderSize) return Fail($"{rest.Length} bytes at offset {pos} are shorter than an RTCP header (4)", out error);
            int version = rest[0] >> 6;
            if (version != 2) return Fail($"RTCP version {version} at offset {pos}, expected 2", out error);
            int size = 4 * (BinaryPrimitives.ReadUInt16BigEndian(rest[2..]) + 1);
            if (size > rest.Length) return Fail($"RTCP packet type {rest[1]} at offset {pos} claims {size} bytes but {rest.Length} remain", out error);
            var body = rest[HeaderSize..size];
            if ((rest[0] & 0x20) != 0)
            {
                int padding = body.IsEmpty ? 0 : body[^1];
                if (padding == 0 || padding > body.Length) return Fail($"RTCP padding length {padding} does not fit the {body.Length}-byte body", out error);
                body = body[..^padding];
            }
            if (!TryParseOne(rest[1], (byte)(rest[0] & 0x1F), body, out var packet, out error)) return false;
            parsed.Add(packet);
            pos += size;
        }
        packets = parsed;
        error = null;
        return true;
    }

    private static bool TryParseOne(byte type, byte count, ReadOnlySpan<byte> body, [NotNullWhen(true)] out RtcpPacket? packet, [NotNullWhen(false)] out string? error)
    {
        packet = null;
        switch (type)
        {
            case RtcpPacket.SenderReportType:
                if (body.Length < 24 + count * ReportBlock.Size) return Fail($"SR with {count} report blocks needs {24 + count * ReportBlock.Size} bytes, has {body.Length}", out error);
                packet = new SenderReport(U32(body), BinaryPrimitives.ReadUInt64BigEndian(body[4..]), U32(body[12..]), U32(body[16..]), U32(body[20..]), ReadBlocks(body[24..], count));
                break;
            case RtcpPacket.ReceiverReportType:
                if (body.Length < 4 + count * ReportBlock.Size) return Fail($"RR with {count} report blocks needs {4 + count * ReportBlock.Size} bytes, has {body.Length}", out error);
                packet = new ReceiverReport(U32(body), ReadBlocks(body[4..], count));
                break;
            case RtcpPacket.SourceDescriptionType:
                packet = new SourceDescription(count);
                break;
            case RtcpPacket.ByeType:
                return TryParseBye(count, body, out packet, out error);
            case RtcpPacket.TransportFeedbackType or RtcpPacket.PayloadFeedbackType:
                if (body.Length < 8) return Fail($"feedback packet type {type} of {body.Length} bytes is shorter than its two SSRCs (8)", out error);
                return TryParseFeedback(type, count, body, out packet, out error);
            default:
                packet = new UnknownRtcpPacket(type, count, body.ToArray());
                break;
        }
        error = null;
        return true;
    }

    private static bool TryParseBye(int count, ReadOnlySpan<byte> body, [NotNullWhen(true)] out RtcpPacket? packet, [NotNullWhen(false)] out string? error)
    {
        packet = null;
        if (body.Length < 4 * count) return Fail($"BYE with {count} sources needs {4 * count} bytes, has {body.Length}", out error);
        var ssrcs = new uint[count];
        for (int i = 0; i < count; i++) ssrcs[i] = U32(body[(4 * i)..]);
        var tail = body[(4 * count)..];
        string? reason = null;
        if (!tail.IsEmpty)
        {
            if (1 + tail[0] > tail.Length) return Fail($"BYE reason of {tail[0]} bytes runs past the packet end", out error);
            reason = Encoding.UTF8.GetString(tail.Slice(1, tail[0]));
        }
        packet = new Bye(ssrcs, reason);
        error = null;
        return true;
    }

    private static bool TryParseFeedback(byte type, byte format, ReadOnlySpan<byte> body, [NotNullWhen(true)] out RtcpPacket? packet, [NotNullWhen(false)] out string? error)
    {
        packet = null;
        uint sender = U32(body), media = U32(body[4..]);
        var fci = body[8..];
        switch (type, format)
        {
            case (RtcpPacket.TransportFeedbackType, GenericNack.Format):
                if (fci.IsEmpty || fci.Length % 4 != 0) return Fail($"Generic NACK FCI of {fci.Length} bytes is not one or more 4-byte PID/BLP pairs", out error);
                packet = new GenericNack(sender, media, NackList.Expand(fci));
                break;
            case (RtcpPacket.PayloadFeedbackType, PictureLossIndication.Format):
                packet = new PictureLossIndication(sender, media);
                break;
            case (RtcpPacket.PayloadFeedbackType, FullIntraRequest.Format):
                if (fci.IsEmpty || fci.Length % 8 != 0) return Fail($"FIR FCI of {fci.Length} bytes is not one or more 8-byte entries", out error);
                var entries = new FullIntraRequest.Entry[fci.Length / 8];
                for (int i = 0; i < entries.Length; i++) entries[i] = new FullIntraRequest.Entry(U32(fci[(8 * i)..]), fci[8 * i + 4]);
                packet = new FullIntraRequest(sender, entries);
                break;
            default:
                packet = new UnknownRtcpPacket(type, format, body.ToArray());
                break;
        }
        error = null;
        return true;
    }

    private static ReportBlock[] ReadBlocks(ReadOnlySpan<byte> data, int count)
    {
        var blocks = new ReportBlock[count];
        for (int i = 0; i < count; i++)
        {
            var b = data[(i * ReportBlock.Size)..];
            int lost = (b[5] << 16 | b[6] << 8 | b[7]) << 8 >> 8; // sign-extend the 24-bit count
            blocks[i] = new ReportBlock(U32(b), b[4], lost, U32(b[8..]), U32(b[12..]), U32(b[16..]), U32(b[20..]));
        }
        return blocks;
    }

    private static uint U32(ReadOnlySpan<byte> data) => BinaryPrimitives.ReadUInt32BigEndian(data);

    private static bool Fail(string reason, out string error)
    {
        error = reason;
        return false;
    }
}

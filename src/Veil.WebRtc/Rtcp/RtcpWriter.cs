using System.Buffers.Binary;

namespace Veil.WebRtc.Rtcp;

/// <summary>
/// The RTCP a receiver sends (layouts in <see cref="RtcpReader"/>). Each method returns one packet;
/// concatenated, they form a compound packet (a report first, unless reduced-size RTCP is negotiated).
/// </summary>
public static class RtcpWriter
{
    /// <summary>RR (RFC 3550 §6.4.2); with no blocks it only says the receiver is alive.</summary>
    public static byte[] ReceiverReport(uint ssrc, params IReadOnlyList<ReportBlock> reports)
    {
        if (reports.Count > 31) throw new ArgumentException($"{reports.Count} report blocks do not fit the 5-bit count (31)", nameof(reports));
        var packet = Header(RtcpPacket.ReceiverReportType, (byte)reports.Count, 4 + reports.Count * ReportBlock.Size);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), ssrc);
        for (int i = 0; i < reports.Count; i++)
        {
            var block = packet.AsSpan(8 + i * ReportBlock.Size);
            var r = reports[i];
            BinaryPrimitives.WriteUInt32BigEndian(block, r.Ssrc);
            BinaryPrimitives.WriteUInt32BigEndian(block[4..], (uint)r.FractionLost << 24 | ((uint)r.CumulativeLost & 0xFFFFFF));
            BinaryPrimitives.WriteUInt32BigEndian(block[8..], r.HighestSequence);
            BinaryPrimitives.WriteUInt32BigEndian(block[12..], r.Jitter);
            BinaryPrimitives.WriteUInt32BigEndian(block[16..], r.LastSenderReport);
            BinaryPrimitives.WriteUInt32BigEndian(block[20..], r.DelaySinceLastSenderReport);
        }
        return packet;
    }

    /// <summary>Generic NACK (RFC 4585 §6.2.1) for these lost packets, packed into PID/BLP pairs.</summary>
    public static byte[] GenericNack(uint senderSsrc, uint mediaSsrc, IEnumerable<ushort> lostSequenceNumbers)
    {
        var pairs = NackList.Compress(lostSequenceNumbers);
        if (pairs.Count == 0) throw new ArgumentException("a NACK needs at least one lost sequence number", nameof(lostSequenceNumbers));
        var packet = Feedback(RtcpPacket.TransportFeedbackType, Rtcp.GenericNack.Format, senderSsrc, mediaSsrc, 4 * pairs.Count);
        for (int i = 0; i < pairs.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(12 + 4 * i), pairs[i].Pid);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(14 + 4 * i), pairs[i].Blp);
        }
        return packet;
    }

    /// <summary>PLI (RFC 4585 §6.3.1): asks the sender of <paramref name="mediaSsrc"/> for a keyframe.</summary>
    public static byte[] PictureLossIndication(uint senderSsrc, uint mediaSsrc) =>
        Feedback(RtcpPacket.PayloadFeedbackType, Rtcp.PictureLossIndication.Format, senderSsrc, mediaSsrc, 0);

    /// <summary>
    /// REMB (draft-alvestrand-rmcat-remb-03 §2.2): the most the receiver wants to get for these
    /// streams, which Chrome's sender takes as its bandwidth estimate when it negotiated goog-remb.
    /// <code>
    /// | FMT=15 | PT=206 | length | sender SSRC | media SSRC = 0 | 'R' 'E' 'M' 'B' |
    /// | Num SSRC (8) | BR Exp (6) | BR Mantissa (18) | SSRC feedback ...          |
    /// </code>
    /// </summary>
    public static byte[] ReceiverEstimatedMaxBitrate(uint senderSsrc, ulong bitsPerSecond, params IReadOnlyList<uint> ssrcs)
    {
        if (ssrcs.Count > 255) throw new ArgumentException($"{ssrcs.Count} SSRCs do not fit REMB's 8-bit count", nameof(ssrcs));
        int exponent = 0;
        while (bitsPerSecond >> exponent >= 1 << 18) exponent++;
        uint mantissa = (uint)(bitsPerSecond >> exponent);
        var packet = Feedback(RtcpPacket.PayloadFeedbackType, ApplicationLayerFeedback, senderSsrc, 0, 8 + 4 * ssrcs.Count);
        "REMB"u8.CopyTo(packet.AsSpan(12));
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(16), (uint)ssrcs.Count << 24 | (uint)exponent << 18 | mantissa);
        for (int i = 0; i < ssrcs.Count; i++) BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(20 + 4 * i), ssrcs[i]);
        return packet;
    }

    private const byte ApplicationLayerFeedback = 15;

    private static byte[] Feedback(byte type, byte format, uint senderSsrc, uint mediaSsrc, int fciLength)
    {
        var packet = Header(type, format, 8 + fciLength);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), senderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), mediaSsrc);
        return packet;
    }

    private static byte[] Header(byte type, byte countOrFormat, int bodyLength)
    {
        int words = (4 + bodyLength) / 4;
        if (words - 1 > ushort.MaxValue) throw new ArgumentException($"an RTCP packet of {words} words is longer than the length field allows");
        var packet = new byte[4 * words];
        packet[0] = (byte)(0x80 | countOrFormat);
        packet[1] = type;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(words - 1));
        return packet;
    }
}

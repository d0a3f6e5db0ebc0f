using Veil.WebRtc.Rtp;

namespace Veil.WebRtc.Codecs;

/// <summary>
/// Turns H.264 access units (Annex B) into RTP packets (RFC 6184, packetization-mode 1) for one
/// outgoing stream, numbering them on from the sequence number it was given. A NAL unit that fits
/// in <c>maxPayloadSize</c> goes whole, neighbours that fit together share a STAP-A, a larger one
/// is cut into FU-As of near-equal size; the marker is set on the access unit's last packet.
/// Layouts are in <see cref="H264Depacketizer"/>.
/// </summary>
public sealed class H264Packetizer
{
    public const int DefaultMaxPayloadSize = 1200;

    private readonly uint ssrc;
    private readonly byte payloadType;
    private readonly int maxPayloadSize;

    public H264Packetizer(uint ssrc, byte payloadType, ushort firstSequenceNumber, int maxPayloadSize = DefaultMaxPayloadSize)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadType, (byte)127);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayloadSize, 3); // an FU-A needs its two header bytes and one byte of data
        this.ssrc = ssrc;
        this.payloadType = payloadType;
        this.maxPayloadSize = maxPayloadSize;
        NextSequenceNumber = firstSequenceNumber;
    }

    public ushort NextSequenceNumber { get; private set; }

    /// <summary>
    /// SPS and PPS to put in front of an IDR access unit that lacks them (after any access unit
    /// delimiter), because a browser joining the stream can only decode with them in band.
    /// </summary>
    public H264ParameterSets? ParameterSets { get; set; }

    /// <summary>The packets of one access unit (3- or 4-byte start codes); each packet owns its payload.</summary>
    public List<RtpPacket> Packetize(ReadOnlyMemory<byte> accessUnit, uint timestamp)
    {
        var nals = AnnexB.Split(accessUnit.Span).Select(range => accessUnit[range]).ToList();
        if (nals.Count == 0) throw new ArgumentException("the access unit holds no NAL unit after a start code", nameof(accessUnit));
        AddMissingParameterSets(nals);

        var payloads = new List<byte[]>();
        for (int i = 0; i < nals.Count;)
        {
            if (nals[i].Length > maxPayloadSize)
            {
                Fragment(nals[i++].Span, payloads);
                continue;
            }
            int end = i + 1, size = 1 + 2 + nals[i].Length;
            for (; end < nals.Count && size + 2 + nals[end].Length <= maxPayloadSize; end++) size += 2 + nals[end].Length;
            payloads.Add(end - i == 1 ? nals[i].ToArray() : Aggregate(nals.GetRange(i, end - i), size));
            i = end;
        }

        var packets = new List<RtpPacket>(payloads.Count);
        for (int i = 0; i < payloads.Count; i++)
        {
            packets.Add(new RtpPacket
            {
                Marker = i == payloads.Count - 1,
                PayloadType = payloadType,
                SequenceNumber = NextSequenceNumber++,
                Timestamp = timestamp,
                Ssrc = ssrc,
                Payload = payloads[i],
            });
        }
        return packets;
    }

    private void AddMissingParameterSets(List<ReadOnlyMemory<byte>> nals)
    {
        bool Has(int type) => nals.Exists(n => H264NalType.Of(n.Span[0]) == type);
        if (ParameterSets is not { } sets || !Has(H264NalType.IdrSlice)) return;
        int afterDelimiter = nals.FindIndex(n => H264NalType.Of(n.Span[0]) != H264NalType.AccessUnitDelimiter);
        if (!Has(H264NalType.Sps)) nals.InsertRange(afterDelimiter, sets.Sps.Select(s => (ReadOnlyMemory<byte>)s));
        if (!Has(H264NalType.Pps))
        {
            int afterSps = nals.FindLastIndex(n => H264NalType.Of(n.Span[0]) == H264NalType.Sps) + 1;
            nals.InsertRange(afterSps, sets.Pps.Select(p => (ReadOnlyMemory<byte>)p));
        }
    }

    /// <summary>STAP-A: one header byte (the highest NRI of the units, F if any has it), then each unit after its 16-bit size.</summary>
    private static byte[] Aggregate(List<ReadOnlyMemory<byte>> nals, int size)
    {
        var payload = new byte[size];
        int pos = 1, forbidden = 0, importance = 0;
        foreach (var nal in nals)
        {
            forbidden |= nal.Span[0] & 0x80;
            importance = Math.Max(importance, nal.Span[0] & 0x60);
            payload[pos] = (byte)(nal.Length >> 8);
            payload[pos + 1] = (byte)nal.Length;
            nal.Span.CopyTo(payload.AsSpan(pos + 2));
            pos += 2 + nal.Length;
        }
        payload[0] = (byte)(forbidden | importance | H264NalType.StapA);
        return payload;
    }

    /// <summary>FU-A: the NAL header's F and NRI with type 28, then S/E and the real type, then a slice of the NAL body.</summary>
    private void Fragment(ReadOnlySpan<byte> nal, List<byte[]> payloads)
    {
        var body = nal[1..];
        int count = (body.Length + maxPayloadSize - 3) / (maxPayloadSize - 2);
        int pos = 0;
        for (int k = 0; k < count; k++)
        {
            int length = body.Length / count + (k < body.Length % count ? 1 : 0);
            var payload = new byte[2 + length];
            payload[0] = (byte)(nal[0] & 0xE0 | H264NalType.FuA);
            payload[1] = (byte)((k == 0 ? 0x80 : 0) | (k == count - 1 ? 0x40 : 0) | H264NalType.Of(nal[0]));
            body.Slice(pos, length).CopyTo(payload.AsSpan(2));
            payloads.Add(payload);
            pos += length;
        }
    }
}

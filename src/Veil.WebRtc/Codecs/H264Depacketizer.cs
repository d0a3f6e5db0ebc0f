using System.Diagnostics.CodeAnalysis;
using Veil.WebRtc.Rtp;

namespace Veil.WebRtc.Codecs;

/// <summary>
/// Rebuilds H.264 access units from RTP packets in sequence order (from a <see cref="JitterBuffer"/>,
/// gaps allowed), RFC 6184 packetization-mode 1. Every payload starts with a NAL header
/// <code>
/// +---------------+
/// |0|1|2|3|4|5|6|7|
/// +-+-+-+-+-+-+-+-+
/// |F|NRI|  Type   |   Type 1-23: the payload is that one NAL unit (§5.6)
/// +---------------+
/// </code>
/// Type 24, STAP-A (§5.7.1): NAL units of the same picture, each after its 16-bit size
/// <code>
/// | STAP-A header | NALU 1 size (16 bits)         | NALU 1 ...    | NALU 2 size | NALU 2 ...
/// </code>
/// Type 28, FU-A (§5.8): one slice of a NAL unit too big for a packet
/// <code>
/// +---------------+---------------+
/// |F|NRI| Type=28 |S|E|R|  Type   |  then fragment bytes; S on the first, E on the last
/// +---------------+---------------+
/// </code>
/// An access unit ends with the marker bit, or when the timestamp moves on. One with a packet lost,
/// a broken FU-A or a malformed payload is dropped, and so is every later one until an IDR: they
/// reference the lost picture. <see cref="NeedsKeyframe"/> says when to send a PLI. Since an
/// H.264 payload cannot show where an access unit starts, the one right after a gap is dropped
/// too (the lost packets may have been its beginning).
/// </summary>
public sealed class H264Depacketizer
{
    private readonly FrameAssembly assembly = new();
    private int openFragmentType = -1; // the NAL type of the FU-A being joined, -1 when none is open
    private bool hasIdr, hasSps, hasPps;

    /// <summary>True from the start and after any loss until an IDR access unit is delivered: ask the sender for one.</summary>
    public bool NeedsKeyframe => assembly.NeedsKeyframe;

    /// <summary>Access units dropped as damaged or as undecodable while waiting for a keyframe.</summary>
    public int DroppedAccessUnits => assembly.DroppedFrames;

    /// <summary>
    /// Takes the next packet and adds any access unit it completes to <paramref name="completed"/>.
    /// False, with the reason, for a malformed payload or an out-of-order packet.
    /// </summary>
    public bool TryPush(RtpPacket packet, ICollection<H264AccessUnit> completed, [NotNullWhen(false)] out string? error)
    {
        if (!assembly.TryTrack(packet.SequenceNumber, out bool gap, out error)) return false;
        if (assembly.InProgress && packet.Timestamp != assembly.Timestamp)
        {
            if (gap) assembly.Damage(); // the lost packets may have been its end
            Finish(completed);
        }
        if (gap) assembly.Damage(); // the lost packets belong to this access unit, or began the next one
        var payload = packet.Payload.Span;
        if (payload.IsEmpty) return true; // padding-only packets (bandwidth probes) carry just a sequence number
        if (!assembly.InProgress) Begin(packet.Timestamp);
        bool appended = TryAppend(payload, out error);
        if (!appended) assembly.Damage();
        if (packet.Marker) Finish(completed);
        return appended;
    }

    private bool TryAppend(ReadOnlySpan<byte> payload, [NotNullWhen(false)] out string? error)
    {
        int type = H264NalType.Of(payload[0]);
        switch (type)
        {
            case >= 1 and <= 23:
                CloseFragment();
                AppendNal(payload);
                break;
            case H264NalType.StapA:
                CloseFragment();
                return TryAppendAggregate(payload, out error);
            case H264NalType.FuA:
                return TryAppendFragment(payload, out error);
            case H264NalType.StapB or H264NalType.Mtap16 or H264NalType.Mtap24 or H264NalType.FuB:
                return Fail($"NAL type {type} ({TypeName(type)}) is not used in packetization-mode 1", out error);
            default:
                return Fail($"NAL unit type {type} is reserved", out error);
        }
        error = null;
        return true;
    }

    private bool TryAppendAggregate(ReadOnlySpan<byte> payload, [NotNullWhen(false)] out string? error)
    {
        if (payload.Length == 1) return Fail("STAP-A holds no NAL unit", out error);
        for (int pos = 1; pos < payload.Length;)
        {
            if (pos + 2 > payload.Length) return Fail($"STAP-A size field cut short at byte {pos}", out error);
            int size = payload[pos] << 8 | payload[pos + 1];
            if (size == 0) return Fail($"STAP-A holds an empty NAL unit at byte {pos}", out error);
            if (pos + 2 + size > payload.Length) return Fail($"STAP-A NAL length {size} at byte {pos} runs past the end of the {payload.Length}-byte payload", out error);
            var nal = payload.Slice(pos + 2, size);
            if (H264NalType.Of(nal[0]) is 0 or > 23) return Fail($"STAP-A holds NAL type {H264NalType.Of(nal[0])}, which cannot be aggregated", out error);
            AppendNal(nal);
            pos += 2 + size;
        }
        error = null;
        return true;
    }

    private bool TryAppendFragment(ReadOnlySpan<byte> payload, [NotNullWhen(false)] out string? error)
    {
        if (payload.Length < 2) return Fail("FU-A of 1 byte has no FU header", out error);
        bool start = (payload[1] & 0x80) != 0, end = (payload[1] & 0x40) != 0;
        int type = H264NalType.Of(payload[1]);
        if (start && end) return Fail("FU-A with both start and end bits set: a whole NAL unit is never one fragment", out error);
        if (type is 0 or > 23) return Fail($"FU-A carries NAL type {type}, which cannot be fragmented", out error);
        if (start)
        {
            CloseFragment();
            byte header = (byte)(payload[0] & 0xE0 | type);
            assembly.Append(AnnexB.StartCode);
            assembly.Append([header]);
            Note(header);
            openFragmentType = type;
        }
        else if (openFragmentType != type)
        {
            assembly.Damage(); // a middle or end whose start was lost
            openFragmentType = -1;
            error = null;
            return true;
        }
        assembly.Append(payload[2..]);
        if (end) openFragmentType = -1;
        error = null;
        return true;
    }

    private void Begin(uint timestamp)
    {
        assembly.Begin(timestamp);
        openFragmentType = -1;
        hasIdr = hasSps = hasPps = false;
    }

    private void Finish(ICollection<H264AccessUnit> completed)
    {
        CloseFragment();
        if (assembly.TryFinish(hasIdr, out var data)) completed.Add(new H264AccessUnit(data, assembly.Timestamp, hasIdr, hasSps, hasPps));
    }

    /// <summary>An FU-A still open when something else arrives never got its end.</summary>
    private void CloseFragment()
    {
        if (openFragmentType < 0) return;
        assembly.Damage();
        openFragmentType = -1;
    }

    private void AppendNal(ReadOnlySpan<byte> nal)
    {
        assembly.Append(AnnexB.StartCode);
        assembly.Append(nal);
        Note(nal[0]);
    }

    private void Note(byte nalHeader)
    {
        switch (H264NalType.Of(nalHeader))
        {
            case H264NalType.IdrSlice: hasIdr = true; break;
            case H264NalType.Sps: hasSps = true; break;
            case H264NalType.Pps: hasPps = true; break;
        }
    }

    private static string TypeName(int type) => type switch
    {
        H264NalType.StapB => "STAP-B",
        H264NalType.Mtap16 => "MTAP16",
        H264NalType.Mtap24 => "MTAP24",
        _ => "FU-B",
    };

    private static bool Fail(string reason, out string error)
    {
        error = reason;
        return false;
    }
}

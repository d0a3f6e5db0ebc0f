using System.Diagnostics.CodeAnalysis;

namespace Veil.WebRtc.Srtp;

/// <summary>
/// SRTP and SRTCP (RFC 3711; RFC 7714 for GCM) for one direction under one master key and salt:
/// use one session to protect what you send and another, with the peer's key, to unprotect what
/// you receive. Per SSRC it keeps the rollover counter and highest index (§3.3.1) and 64-packet
/// replay windows for SRTP and SRTCP (§3.3.2), moved only by packets that authenticate. Headers
/// stay in the clear; payloads are encrypted. A refused packet is an <see cref="SrtpException"/>
/// (or false and the reason from a Try method); an output buffer too small for the result is an
/// <see cref="ArgumentException"/>. Not thread-safe: one session, one sending or receiving loop.
/// </summary>
public sealed class SrtpSession : IDisposable
{
    /// <summary>The most <see cref="ProtectRtp"/> adds to a packet (the GCM tag).</summary>
    public const int MaxRtpOverhead = 16;

    /// <summary>The most <see cref="ProtectRtcp(ReadOnlySpan{byte}, Span{byte})"/> adds (SRTCP index and GCM tag).</summary>
    public const int MaxRtcpOverhead = SrtpTransform.EsrtcpLength + 16;

    private const uint MaxSrtcpIndex = 0x7FFF_FFFF;
    private readonly SrtpTransform rtp, rtcp;
    private readonly Dictionary<uint, SrtpStream> streams = [];

    public SrtpSession(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
        : this(profile, SrtpSessionKeys.Derive(profile, masterKey, masterSalt, rtcp: false), SrtpSessionKeys.Derive(profile, masterKey, masterSalt, rtcp: true))
    {
    }

    /// <summary>A session on already derived session keys (what RFC 7714's test vectors give).</summary>
    internal SrtpSession(SrtpProfile profile, SrtpSessionKeys rtpKeys, SrtpSessionKeys rtcpKeys)
    {
        Profile = profile;
        rtp = SrtpTransform.Create(profile, rtpKeys);
        rtcp = SrtpTransform.Create(profile, rtcpKeys);
    }

    public SrtpProfile Profile { get; }

    /// <summary>Encrypts and tags an RTP packet into <paramref name="output"/> (at least <c>rtp.Length + 16</c> bytes); returns the length written.</summary>
    public int ProtectRtp(ReadOnlySpan<byte> packet, Span<byte> output)
    {
        if (!RtpHeader.TryRead(packet, out var header, out string? error)) throw new SrtpException(error);
        int length = packet.Length + rtp.TagLength;
        RequireOutput(output, length);
        var stream = StreamOf(header.Ssrc);
        if (!SrtpPacketIndex.TryEstimate(stream.Rtp, header.Sequence, out ulong index, out error)) throw new SrtpException(error);
        rtp.ProtectRtp(packet, header.Length, header.Ssrc, index, output);
        stream.Rtp = SrtpStream.Record(stream.Rtp, index);
        return length;
    }

    /// <summary>The RTP packet inside an SRTP one, written to <paramref name="output"/> (at least <c>srtp.Length</c> bytes); returns its length.</summary>
    /// <exception cref="SrtpException">The packet is malformed, replayed, too old, or fails authentication.</exception>
    public int UnprotectRtp(ReadOnlySpan<byte> srtp, Span<byte> output) =>
        TryUnprotectRtp(srtp, output, out int length, out string? error) ? length : throw new SrtpException(error);

    /// <summary>As <see cref="UnprotectRtp"/>, but a refused packet gives false and the reason instead of an exception.</summary>
    public bool TryUnprotectRtp(ReadOnlySpan<byte> srtp, Span<byte> output, out int length, [NotNullWhen(false)] out string? error)
    {
        length = 0;
        RequireOutput(output, srtp.Length);
        if (!RtpHeader.TryRead(srtp, out var header, out error)) return false;
        if (srtp.Length < header.Length + rtp.TagLength)
        {
            error = $"packet of {srtp.Length} bytes is shorter than its {header.Length}-byte RTP header plus the {rtp.TagLength}-byte authentication tag";
            return false;
        }
        streams.TryGetValue(header.Ssrc, out var stream);
        if (!SrtpPacketIndex.TryEstimate(stream?.Rtp, header.Sequence, out ulong index, out error)) return false;
        error = stream?.Rtp?.Refusal(index, "packet seq", header.Sequence);
        if (error is not null) return false;
        if (!rtp.UnprotectRtp(srtp, header.Length, header.Ssrc, index, output))
        {
            error = "authentication tag mismatch";
            return false;
        }
        stream ??= StreamOf(header.Ssrc);
        stream.Rtp = SrtpStream.Record(stream.Rtp, index);
        length = srtp.Length - rtp.TagLength;
        return true;
    }

    /// <summary>
    /// Encrypts and tags an RTCP packet into <paramref name="output"/> (at least <c>rtcp.Length + 20</c>
    /// bytes), numbering each SSRC's packets 0, 1, 2, ... (RFC 3711 §3.4); returns the length written.
    /// </summary>
    public int ProtectRtcp(ReadOnlySpan<byte> packet, Span<byte> output)
    {
        if (!RtcpHeader.TryReadSsrc(packet, out uint ssrc, out string? error)) throw new SrtpException(error);
        var stream = StreamOf(ssrc);
        int length = ProtectRtcp(packet, ssrc, stream.NextRtcpIndex, output);
        stream.NextRtcpIndex = (stream.NextRtcpIndex + 1) & MaxSrtcpIndex;
        return length;
    }

    /// <summary>Protects under a chosen SRTCP index (RFC 7714's vectors start at 0x5d4).</summary>
    internal int ProtectRtcp(ReadOnlySpan<byte> packet, uint ssrc, uint index, Span<byte> output)
    {
        int length = packet.Length + SrtpTransform.EsrtcpLength + rtcp.TagLength;
        RequireOutput(output, length);
        rtcp.ProtectRtcp(packet, ssrc, index, output);
        return length;
    }

    /// <summary>The RTCP packet inside an SRTCP one, written to <paramref name="output"/> (at least <c>srtcp.Length</c> bytes); returns its length.</summary>
    /// <exception cref="SrtpException">The packet is malformed, replayed, too old, or fails authentication.</exception>
    public int UnprotectRtcp(ReadOnlySpan<byte> srtcp, Span<byte> output) =>
        TryUnprotectRtcp(srtcp, output, out int length, out string? error) ? length : throw new SrtpException(error);

    /// <summary>As <see cref="UnprotectRtcp"/>, but a refused packet gives false and the reason instead of an exception.</summary>
    public bool TryUnprotectRtcp(ReadOnlySpan<byte> srtcp, Span<byte> output, out int length, [NotNullWhen(false)] out string? error)
    {
        length = 0;
        RequireOutput(output, srtcp.Length);
        if (!RtcpHeader.TryReadSsrc(srtcp, out uint ssrc, out error)) return false;
        int trailer = SrtpTransform.EsrtcpLength + rtcp.TagLength;
        if (srtcp.Length < RtcpHeader.Length + trailer)
        {
            error = $"packet of {srtcp.Length} bytes is shorter than an RTCP header ({RtcpHeader.Length}) plus the {trailer}-byte SRTCP index and authentication tag";
            return false;
        }
        uint esrtcp = rtcp.ReadEsrtcpWord(srtcp);
        uint index = esrtcp & MaxSrtcpIndex;
        streams.TryGetValue(ssrc, out var stream);
        error = stream?.Rtcp?.Refusal(index, "SRTCP index", index);
        if (error is not null) return false;
        if (!rtcp.UnprotectRtcp(srtcp, ssrc, esrtcp, output))
        {
            error = "authentication tag mismatch";
            return false;
        }
        stream ??= StreamOf(ssrc);
        stream.Rtcp = SrtpStream.Record(stream.Rtcp, index);
        length = srtcp.Length - trailer;
        return true;
    }

    public void Dispose()
    {
        rtp.Dispose();
        rtcp.Dispose();
    }

    private SrtpStream StreamOf(uint ssrc)
    {
        if (!streams.TryGetValue(ssrc, out var stream)) streams[ssrc] = stream = new SrtpStream();
        return stream;
    }

    private static void RequireOutput(Span<byte> output, int needed)
    {
        if (output.Length < needed) throw new ArgumentException($"output of {output.Length} bytes cannot hold the {needed} bytes it needs", nameof(output));
    }
}

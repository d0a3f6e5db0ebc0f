using Veil.WebRtc.Dtls;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Veil.WebRtc.Sdp;

/// <summary>
/// Writes the SDP answer for an <see cref="OfferPlan"/> (JSEP, RFC 8829 §5.3): a=ice-lite, the
/// BUNDLE group of the accepted mids, then one section per offered section in the offer's order.
/// An accepted section carries only the chosen payload type, Veil's ICE credentials, fingerprint,
/// setup:passive, rtcp-mux, NACK/PLI feedback when the peer offered them, and the host candidates;
/// a rejected one is port 0 with its mid (RFC 8843 §7.3.3).
/// </summary>
public static class AnswerBuilder
{
    public const string Cname = "veil", StreamId = "veil";

    public static string BuildAnswer(OfferPlan plan, LocalIce local)
    {
        if (!IceCredentials.IsValidUfrag(local.Ufrag)) throw new ArgumentException($"ice-ufrag '{local.Ufrag}' is not 4-256 ice-chars", nameof(local));
        if (!IceCredentials.IsValidPassword(local.Password)) throw new ArgumentException("ice-pwd is not 22-256 ice-chars", nameof(local));
        if (!DtlsFingerprint.TryParse(local.Fingerprint, out _, out string reason)) throw new ArgumentException(reason, nameof(local));

        var sdp = new StringBuilder();
        Line(sdp, "v=0");
        Line(sdp, $"o=- {SessionId()} 2 IN IP4 127.0.0.1");
        Line(sdp, "s=-");
        Line(sdp, "t=0 0");
        Line(sdp, "a=ice-lite");
        if (plan.BundleMids.Count > 0) Line(sdp, $"a=group:BUNDLE {string.Join(' ', plan.BundleMids)}");
        if (plan.Purpose == OfferPurpose.Egress) Line(sdp, $"a=msid-semantic:WMS {StreamId}");
        foreach (var media in plan.Media)
        {
            if (media.Accepted) Accepted(sdp, plan.Purpose, media, local);
            else Rejected(sdp, media);
        }
        return sdp.ToString();
    }

    private static void Accepted(StringBuilder sdp, OfferPurpose purpose, MediaPlan media, LocalIce local)
    {
        var codec = media.Codec!;
        Line(sdp, $"m={media.Kind} 9 {media.Offer.Proto} {codec.PayloadType}");
        Line(sdp, "c=IN IP4 0.0.0.0");
        Line(sdp, $"a=mid:{media.Mid}");
        Line(sdp, $"a=ice-ufrag:{local.Ufrag}");
        Line(sdp, $"a=ice-pwd:{local.Password}");
        Line(sdp, $"a=fingerprint:{local.Fingerprint}");
        Line(sdp, "a=setup:passive");
        Line(sdp, "a=rtcp-mux");
        if (media.RtcpReducedSize) Line(sdp, "a=rtcp-rsize");
        Line(sdp, $"a={media.Direction.ToString().ToLowerInvariant()}");
        Line(sdp, $"a=rtpmap:{codec}");
        if (media.PeerNack) Line(sdp, $"a=rtcp-fb:{codec.PayloadType} nack");
        if (media.PeerPli) Line(sdp, $"a=rtcp-fb:{codec.PayloadType} nack pli");
        if (media.PeerRemb && media.Direction == MediaDirection.RecvOnly) Line(sdp, $"a=rtcp-fb:{codec.PayloadType} goog-remb"); // Veil's receive estimate (REMB) sets a publisher's bitrate
        if (media.CodecParameters is { } fmtp) Line(sdp, $"a=fmtp:{codec.PayloadType} {fmtp.Text}");
        if (purpose == OfferPurpose.Egress)
        {
            Line(sdp, $"a=msid:{StreamId} {StreamId}-{media.Kind}");
            Line(sdp, $"a=ssrc:{media.LocalSsrc} cname:{Cname}");
        }
        for (int i = 0; i < local.Candidates.Count; i++)
        {
            var candidate = local.Candidates[i];
            Line(sdp, $"a=candidate:{i + 1} 1 udp {HostPriority(i)} {candidate.Address} {candidate.Port} typ host");
        }
        Line(sdp, "a=end-of-candidates");
    }

    private static void Rejected(StringBuilder sdp, MediaPlan media)
    {
        Line(sdp, $"m={media.Kind} 0 {media.Offer.Proto} {string.Join(' ', media.Offer.Formats)}");
        Line(sdp, "c=IN IP4 0.0.0.0");
        if (media.Mid is { } mid) Line(sdp, $"a=mid:{mid}");
    }

    /// <summary>RFC 8445 §5.1.2.1: type preference 126 (host), local preference falling by index, component 1.</summary>
    private static uint HostPriority(int index) => (126u << 24) | ((uint)(65535 - index) << 8) | 255;

    /// <summary>A random session id below 2^62 (RFC 8866 §5.2 suggests random or NTP; JSEP §5.2.1 says random, 63 bits at most).</summary>
    private static string SessionId()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return (BinaryPrimitives.ReadUInt64BigEndian(bytes) >> 2).ToString(CultureInfo.InvariantCulture);
    }

    private static void Line(StringBuilder sdp, string line) => sdp.Append(line).Append("\r\n");
}

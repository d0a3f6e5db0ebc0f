using Veil.WebRtc.Sdp;
using Veil.WebRtc.Session;

namespace Veil.WebRtc.Whip;

/// <summary>
/// One WHIP publisher (RFC 9725): its offer planned and answered (Veil receives H.264 or VP8 and
/// Opus), then its media, once DTLS is done, written as a live Matroska stream to
/// <c>sink</c>. Nothing reaches the port before <see cref="Start"/>, so a refused publish costs nothing.
/// </summary>
public sealed class WhipSession : IAsyncDisposable
{
    private readonly SecureTransport _transport;
    private readonly IngestHandler _handler;

    private WhipSession(SecureTransport transport, OfferPlan plan, string answer, long bitsPerSecond, Action<byte[]> sink)
    {
        _transport = transport;
        Answer = answer;
        Plan = plan;
        _handler = new IngestHandler(plan, transport, bitsPerSecond, sink, reason => transport.Close(reason));
    }

    public string Answer { get; }
    public OfferPlan Plan { get; }
    public IngestStats Stats => _handler.Stats;

    /// <summary>Completes with the reason the session ended.</summary>
    public Task<string> Closed => _transport.Closed;

    /// <summary>Completes when DTLS is done; faults with the reason when it fails.</summary>
    public Task Connected => _transport.Connected;

    /// <summary>Plans and answers <paramref name="offerSdp"/>; an offer Veil cannot take is an <see cref="SdpException"/> saying why.</summary>
    public static WhipSession Accept(WebRtcContext context, string offerSdp, Action<byte[]> sink)
    {
        var plan = WebRtcOffer.PlanIngest(SessionDescription.Parse(offerSdp));
        var transport = new SecureTransport(context.Mux, context.Certificate, plan.RemoteFingerprint, plan.RemoteUfrag);
        var answer = AnswerBuilder.BuildAnswer(plan, new LocalIce(transport.LocalUfrag, transport.LocalPasswordText, context.Certificate.Fingerprint, context.Candidates));
        return new WhipSession(transport, plan, answer, context.PublishBitsPerSecond, sink);
    }

    public void Start() => _transport.Start(_handler);

    public void Close(string reason) => _transport.Close(reason);

    public ValueTask DisposeAsync() => _transport.DisposeAsync();
}

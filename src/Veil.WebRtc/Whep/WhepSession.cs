using System.Security.Cryptography;
using Veil.WebRtc.Codecs;
using Veil.WebRtc.Sdp;
using Veil.WebRtc.Session;

namespace Veil.WebRtc.Whep;

/// <summary>
/// One WHEP viewer: its offer answered with H.264 (what the stream's encoder makes; audio declined),
/// then every encoded access unit of the stream from the next keyframe on, packetized (SPS and PPS
/// in band before each IDR, since a joining browser needs them) and sent over SRTP. The packets
/// are the encoder's own: a viewer costs packetizing and encryption, never another encode.
/// </summary>
public sealed class WhepSession : IAsyncDisposable
{
    private readonly SecureTransport _transport;
    private readonly H264Packetizer _packetizer;
    private readonly SentPacketHistory _history = new();
    private readonly uint _timestampOffset = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
    private bool _started;
    private readonly long _offered = System.Diagnostics.Stopwatch.GetTimestamp();
    private long _connected;

    private WhepSession(SecureTransport transport, OfferPlan plan, string answer)
    {
        _transport = transport;
        Answer = answer;
        var video = plan.Video;
        _packetizer = new H264Packetizer(video.LocalSsrc, (byte)video.Codec!.PayloadType, (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue));
        Handler = new EgressHandler(transport, video.LocalSsrc, _history, Stats, () => KeyframeWanted?.Invoke());
    }

    public string Answer { get; }

    /// <summary>
    /// Called when this viewer needs a keyframe: connected but not started (it joined mid-GOP), or
    /// its browser lost a picture (PLI, FIR). On the session's or the sending thread; must not block.
    /// </summary>
    public Action? KeyframeWanted { get; set; }
    public EgressStats Stats { get; } = new();
    public Task<string> Closed => _transport.Closed;
    public Task Connected => _transport.Connected;
    private EgressHandler Handler { get; }

    public static WhepSession Accept(WebRtcContext context, string offerSdp)
    {
        var plan = WebRtcOffer.PlanEgress(SessionDescription.Parse(offerSdp));
        var transport = new SecureTransport(context.Mux, context.Certificate, plan.RemoteFingerprint, plan.RemoteUfrag);
        var answer = AnswerBuilder.BuildAnswer(plan, new LocalIce(transport.LocalUfrag, transport.LocalPasswordText, context.Certificate.Fingerprint, context.Candidates));
        return new WhepSession(transport, plan, answer);
    }

    public void Start()
    {
        _transport.Connected.ContinueWith(_ => Volatile.Write(ref _connected, System.Diagnostics.Stopwatch.GetTimestamp()),
            CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _transport.Start(Handler);
    }

    /// <summary>One encoded access unit of the stream (Annex B), called on this viewer's sending task; the memory is borrowed for the call.</summary>
    public void SendVideo(ReadOnlyMemory<byte> annexB, long ptsMicros, bool keyframe, ReadOnlySpan<byte> parameterSets)
    {
        bool connected = _transport.Connected.IsCompletedSuccessfully;
        if (!connected || !(_started || keyframe))
        {
            Stats.FramesSkipped++;
            if (connected) KeyframeWanted?.Invoke(); // joined mid-GOP: start at a forced keyframe, not the next GOP's
            return;
        }
        if (!_started)
        {
            Stats.FirstFrameAfter = System.Diagnostics.Stopwatch.GetElapsedTime(_offered);
            long connectedAt = Volatile.Read(ref _connected);
            if (connectedAt != 0) Stats.FirstFrameAfterConnecting = System.Diagnostics.Stopwatch.GetElapsedTime(connectedAt);
        }
        _started = true;
        if (_packetizer.ParameterSets is null && !parameterSets.IsEmpty && H264ParameterSets.TryParse(parameterSets, out var sets, out _))
            _packetizer.ParameterSets = sets;
        uint timestamp = unchecked((uint)(ptsMicros * 90 / 1000) + _timestampOffset);
        foreach (var packet in _packetizer.Packetize(annexB, timestamp))
        {
            var bytes = packet.ToArray();
            _history.Add(packet.SequenceNumber, bytes);
            _transport.SendRtp(bytes);
            Stats.PacketsSent++;
        }
        Stats.FramesSent++;
    }

    public void Close(string reason) => _transport.Close(reason);

    public ValueTask DisposeAsync() => _transport.DisposeAsync();
}

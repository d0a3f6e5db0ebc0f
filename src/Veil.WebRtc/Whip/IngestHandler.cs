using System.Diagnostics;
using Veil.WebRtc.Codecs;
using Veil.WebRtc.Matroska;
using Veil.WebRtc.Rtcp;
using Veil.WebRtc.Rtp;
using Veil.WebRtc.Sdp;
using Veil.WebRtc.Session;

namespace Veil.WebRtc.Whip;

/// <summary>
/// A publisher's media on its session thread: RTP of the answered payload types (from the SSRC
/// the offer announced, or the first one seen) through a jitter buffer into the depacketizer, and
/// whole frames with Opus packets into the Matroska stream the pipeline demuxes. Missing packets are
/// NACKed, a broken picture asks for a keyframe (PLI, at most every 500 ms), and the publisher is told
/// each second how much it may send (REMB). Anything else is
/// dropped and counted by reason, never fatal.
/// </summary>
internal sealed class IngestHandler : IRtpHandler
{
    private static readonly TimeSpan JitterDelay = TimeSpan.FromMilliseconds(150);
    private readonly SecureTransport _transport;
    private readonly MediaPlan _video;
    private readonly MediaPlan? _audio;
    private readonly MatroskaLiveWriter _writer;
    private readonly JitterBuffer _jitter = new(JitterDelay);
    private readonly H264Depacketizer? _h264;
    private readonly Vp8Depacketizer? _vp8;
    private readonly List<H264AccessUnit> _units = [];
    private readonly List<Vp8Frame> _frames = [];
    private readonly RtpClock _videoClock = new(90000), _audioClock = new(48000);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Action<string> _fail;
    private uint? _videoSsrc, _audioSsrc;
    private readonly long _bitrate;
    private long _lastPliMs = -1000, _lastRembMs = -1000;

    public IngestHandler(OfferPlan plan, SecureTransport transport, long bitsPerSecond, Action<byte[]> sink, Action<string> fail)
    {
        _bitrate = bitsPerSecond;
        _transport = transport;
        _fail = fail;
        _video = plan.Video;
        _audio = plan.Audio;
        _videoSsrc = AnnouncedSsrc(_video);
        _audioSsrc = _audio is null ? null : AnnouncedSsrc(_audio);
        bool h264 = _video.Codec!.EncodingName.Equals("H264", StringComparison.OrdinalIgnoreCase);
        if (h264) _h264 = new H264Depacketizer();
        else _vp8 = new Vp8Depacketizer();
        _writer = new MatroskaLiveWriter(sink, h264 ? MatroskaVideoCodec.H264 : MatroskaVideoCodec.Vp8, withOpusAudio: _audio is not null);
    }

    public IngestStats Stats { get; } = new();

    public void OnRtp(ReadOnlySpan<byte> rtp)
    {
        if (!RtpPacket.TryParse(rtp.ToArray(), out var packet, out string? error)) { Stats.Reject($"malformed RTP: {error}"); return; }
        if (packet.PayloadType == _video.Codec!.PayloadType && Owns(ref _videoSsrc, packet.Ssrc))
        {
            Stats.VideoPackets++;
            _jitter.Push(packet);
            DrainVideo();
        }
        else if (_audio is not null && packet.PayloadType == _audio.Codec!.PayloadType && Owns(ref _audioSsrc, packet.Ssrc))
        {
            Stats.AudioPackets++;
            Guard(() => _writer.WriteAudio(_audioClock.ToMilliseconds(packet.Timestamp, _clock.ElapsedMilliseconds), packet.Payload.Span));
        }
        else
        {
            Stats.Reject(packet.PayloadType == _video.Codec!.PayloadType || packet.PayloadType == _audio?.Codec?.PayloadType
                ? "RTP with an unknown SSRC (not the one the offer announced)"
                : "RTP with a payload type the answer did not accept");
        }
    }

    public void OnRtcp(ReadOnlySpan<byte> rtcp)
    {
        if (!RtcpReader.TryParse(rtcp, out _, out string? error)) Stats.Reject($"malformed RTCP: {error}");
    }

    public void OnTick(long nowMs)
    {
        DrainVideo(); // a wait for a lost packet ends on time even when nothing new arrives
        if (_videoSsrc is not { } media) return;
        var lost = _jitter.TakeNacks();
        if (lost.Count > 0 && _video.PeerNack)
        {
            Stats.NacksSent++;
            _transport.SendRtcp(RtcpWriter.GenericNack(_video.LocalSsrc, media, lost));
        }
        if (_video.PeerRemb && nowMs - _lastRembMs >= 1000)
        {
            _lastRembMs = nowMs; // without it Chrome assumes 300 kbit/s and scales the picture down
            _transport.SendRtcp(RtcpWriter.ReceiverEstimatedMaxBitrate(_video.LocalSsrc, (ulong)_bitrate, media));
        }
        bool broken = _h264?.NeedsKeyframe ?? _vp8!.NeedsKeyframe;
        if (broken && _video.PeerPli && nowMs - _lastPliMs >= 500)
        {
            _lastPliMs = nowMs;
            Stats.PlisSent++;
            _transport.SendRtcp(RtcpWriter.PictureLossIndication(_video.LocalSsrc, media));
        }
    }

    private void DrainVideo()
    {
        while (_jitter.TryPop(out var packet))
        {
            if (_h264 is not null)
            {
                if (!_h264.TryPush(packet, _units, out string? error)) Stats.Reject($"H.264 payload: {error}");
                foreach (var unit in _units) WriteVideo(unit.Data, unit.Timestamp, unit.IsKeyframe);
                _units.Clear();
            }
            else
            {
                if (!_vp8!.TryPush(packet, _frames, out string? error)) Stats.Reject($"VP8 payload: {error}");
                foreach (var frame in _frames) WriteVideo(frame.Data, frame.Timestamp, frame.IsKeyframe);
                _frames.Clear();
            }
        }
    }

    private void WriteVideo(byte[] frame, uint timestamp, bool keyframe)
    {
        Stats.VideoFrames++;
        Guard(() => _writer.WriteVideo(_videoClock.ToMilliseconds(timestamp, _clock.ElapsedMilliseconds), frame, keyframe));
    }

    /// <summary>The stream stopped taking this publisher's media (its sink says why): the session ends with it.</summary>
    private void Guard(Action write)
    {
        try { write(); }
        catch (OperationCanceledException) { _fail("the stream's pipeline stopped reading"); }
        catch (Exception e) when (e is not OutOfMemoryException) { _fail(e.Message); }
    }

    private bool Owns(ref uint? expected, uint ssrc)
    {
        expected ??= ssrc;
        return expected == ssrc;
    }

    private static uint? AnnouncedSsrc(MediaPlan plan) => plan.Offer.Ssrcs.Count > 0 ? plan.Offer.Ssrcs[0].Ssrc : null;
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Veil.Core.Frames;
using Veil.Media.Demux;
using Veil.Media.Frames;
using Veil.Media.Handles;
using Veil.Media.Interop;
using Veil.Media.Pipeline;

namespace Veil.Media.Codecs;

/// <summary>
/// Decodes one video stream (H.264, HEVC, MPEG-4, MS-MPEG4, VP8/VP9, anything libavcodec has) into
/// pooled I420 frames of the stream's size, turned upright when the stream's display matrix says
/// players show it turned (phone video). Owned by the decode stage's thread. Each frame carries
/// the arrival of its own packet, however many packets the decoder held it behind.
/// </summary>
public sealed class VideoDecoder : IDisposable
{
    private const int MaxConsecutiveErrors = 50;
    private readonly CodecContextHandle _ctx;
    private readonly FrameHandle _decoded = new();
    private readonly FrameConverter _converter = new();
    private readonly FrameRotator? _rotator;
    private readonly AvRational _timeBase;
    private readonly long _frameDuration;
    private readonly ArrivalLog _arrivals = new();
    private long _nextPts, _firstPts;
    private long _sequence;
    private int _consecutiveErrors;

    /// <param name="log">Told once when the display matrix cannot be followed exactly (none by default).</param>
    /// <param name="lowDelay">
    /// A live run: each frame comes out as soon as its packet went in. Frame threading (a file's
    /// default) holds every frame one packet per extra thread, 2 frames on 2 cores: 80 ms at 25 fps
    /// for a decode that costs about 1 ms a frame at 720p. Slices still decode in parallel.
    /// </param>
    public VideoDecoder(MediaInput input, MediaStreamInfo stream, ILogger? log = null, bool lowDelay = false)
    {
        nint codec = Avcodec.avcodec_find_decoder(stream.CodecId);
        if (codec == 0) throw new MediaException($"no decoder for video codec '{stream.CodecName}'");
        _ctx = new CodecContextHandle(codec);
        try
        {
            AvException.Check(Avcodec.avcodec_parameters_to_context(_ctx.Ptr, input.CodecParameters(stream.Index)),
                "avcodec_parameters_to_context");
            Shim.veil_set_ctx_pkt_timebase(_ctx.Ptr, stream.TimeBase);
            Shim.veil_set_ctx_thread_count(_ctx.Ptr, 0); // auto: one thread per core
            Shim.veil_set_ctx_thread_type(_ctx.Ptr, lowDelay ? AvConst.FF_THREAD_SLICE : AvConst.FF_THREAD_FRAME | AvConst.FF_THREAD_SLICE);
            unsafe { AvException.Check(Avcodec.avcodec_open2(_ctx.Ptr, codec, null), "avcodec_open2", $"{stream.CodecName} decoder"); }
        }
        catch
        {
            Dispose();
            throw;
        }
        _timeBase = stream.TimeBase;
        var rate = stream.FrameRate.IsValid ? stream.FrameRate : new AvRational(25, 1);
        _frameDuration = Math.Max(1, Avutil.av_rescale_q(1, rate.Invert(), _timeBase));
        Width = stream.Width;
        Height = stream.Height;
        Pool = AvFrameBuffer.CreatePool(Width, Height);
        if (!stream.Orientation.IsAsCoded)
            _rotator = new FrameRotator(stream.Orientation, stream.CodedSize.Width, stream.CodedSize.Height, _converter);
        DisplayMatrix.LogUnfollowed(log ?? NullLogger.Instance, stream.Index, stream.DisplayRotation);
    }

    public int Width { get; }
    public int Height { get; }
    public AvRational TimeBase => _timeBase;

    /// <summary>Frames of this stream's upright size; every frame this decoder returns comes from it.</summary>
    public FramePool Pool { get; }

    public long FramesDecoded => _sequence;

    /// <summary>Packets the decoder rejected as corrupt (skipped, counted).</summary>
    public long CorruptPackets { get; private set; }

    /// <summary>Feeds one packet; null flushes at the end of the stream.</summary>
    public void Send(MediaPacket? packet)
    {
        if (packet is not null && packet.Pts != AvConst.AV_NOPTS_VALUE) _arrivals.Remember(packet.Pts, packet.ArrivalTimestamp);
        int rc = Avcodec.avcodec_send_packet(_ctx.Ptr, packet?.Ptr ?? 0);
        if (rc >= 0 || rc == AvConst.AVERROR_EOF) { _consecutiveErrors = 0; return; }
        if (rc == AvConst.AVERROR_EAGAIN)
            throw new InvalidOperationException("decoder full: receive frames before sending more packets");
        // A damaged packet costs its frame, not the stream; a stream of nothing but errors ends it.
        CorruptPackets++;
        if (++_consecutiveErrors >= MaxConsecutiveErrors)
            throw new MediaException($"video decoding failed {MaxConsecutiveErrors} times in a row: {AvException.ErrorText(rc)}");
    }

    /// <summary>
    /// Returns the next decoded frame as a pooled I420 frame the caller owns, or false when the
    /// decoder needs input. <paramref name="arrivalTimestamp"/> stands for a frame whose packet had no timestamp.
    /// </summary>
    public bool TryReceive(long arrivalTimestamp, out VideoFrame? frame)
    {
        frame = null;
        int rc = Avcodec.avcodec_receive_frame(_ctx.Ptr, _decoded.Ptr);
        if (rc == AvConst.AVERROR_EAGAIN || rc == AvConst.AVERROR_EOF) return false;
        if (rc < 0)
        {
            CorruptPackets++;
            return false;
        }
        try
        {
            frame = Pool.Rent();
            if (_rotator is null) _converter.Convert(_decoded.Ptr, (AvFrameBuffer)frame.Buffer);
            else _rotator.Turn(_decoded.Ptr, (AvFrameBuffer)frame.Buffer);
            long packetPts = Shim.veil_frame_pts(_decoded.Ptr);
            long arrival = packetPts == AvConst.AV_NOPTS_VALUE ? 0 : _arrivals.Recall(packetPts);
            long pts = Shim.veil_frame_best_effort_timestamp(_decoded.Ptr);
            if (pts == AvConst.AV_NOPTS_VALUE) pts = _nextPts; // e.g. AVI without timestamps
            if (_sequence == 0) _firstPts = pts;
            frame.Pts = pts;
            frame.Time = TimeSpan.FromSeconds((pts - _firstPts) * _timeBase.ToDouble());
            frame.Sequence = _sequence++;
            frame.ArrivalTimestamp = arrival != 0 ? arrival : arrivalTimestamp;
            _nextPts = pts + _frameDuration;
            return true;
        }
        catch
        {
            frame?.Release();
            frame = null;
            throw;
        }
        finally
        {
            Avutil.av_frame_unref(_decoded.Ptr);
        }
    }

    public void Dispose()
    {
        _ctx.Dispose();
        _decoded.Dispose();
        _rotator?.Dispose();
        _converter.Dispose();
        Pool?.Dispose();
    }
}

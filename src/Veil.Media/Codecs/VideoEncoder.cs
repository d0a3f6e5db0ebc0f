using System.Globalization;
using Veil.Core.Frames;
using Veil.Media.Demux;
using Veil.Media.Frames;
using Veil.Media.Handles;
using Veil.Media.Interop;

namespace Veil.Media.Codecs;

/// <summary>
/// H.264 encoder (libx264, or h264_nvenc where the GPU has it). Takes pooled frames by reference:
/// the AVFrame's buffers are reference-counted, so sending a frame copies nothing. Owned by the
/// encode stage's thread.
/// </summary>
public sealed unsafe class VideoEncoder : IDisposable
{
    private readonly CodecContextHandle _ctx;
    private long _lastPts = long.MinValue;

    public VideoEncoder(int width, int height, AvRational timeBase, AvRational frameRate, EncoderSettings settings, bool globalHeader)
    {
        FFmpegRuntime.EnsureInitialized();
        settings.Validate();
        nint codec = Avcodec.avcodec_find_encoder_by_name(settings.CodecName);
        if (codec == 0)
            throw new MediaException($"encoder '{settings.CodecName}' is not available in this FFmpeg build");
        _ctx = new CodecContextHandle(codec);
        try
        {
            nint c = _ctx.Ptr;
            Shim.veil_set_ctx_width(c, width);
            Shim.veil_set_ctx_height(c, height);
            Shim.veil_set_ctx_pix_fmt(c, AvConst.AV_PIX_FMT_YUV420P);
            Shim.veil_set_ctx_time_base(c, timeBase);
            if (frameRate.IsValid) Shim.veil_set_ctx_framerate(c, frameRate);
            Shim.veil_set_ctx_gop_size(c, settings.Gop(frameRate.ToDouble()));
            Shim.veil_set_ctx_max_b_frames(c, 0);
            Shim.veil_set_ctx_thread_count(c, settings.Threads);
            if (settings.Bitrate is { } b) Shim.veil_set_ctx_bit_rate(c, b);
            if (globalHeader) Shim.veil_ctx_add_flags(c, AvConst.AV_CODEC_FLAG_GLOBAL_HEADER);

            using var opts = new AvDictionary();
            if (settings.Encoder == VideoEncoderKind.X264)
            {
                opts.Set("preset", settings.Preset);
                opts.Set("tune", settings.Tune);
                if (settings.Bitrate is null) opts.Set("crf", settings.Crf.ToString(CultureInfo.InvariantCulture));
                if (settings.Profile is not null) opts.Set("profile", settings.Profile);
                opts.Set("forced-idr", "1"); // a forced keyframe is an IDR: a joining decoder can start there
            }
            else
            {
                opts.Set("preset", "p4");
                opts.Set("tune", "ll");
                opts.Set("forced-idr", "1");
                if (settings.Bitrate is null) { opts.Set("rc", "vbr"); opts.Set("cq", settings.Crf.ToString(CultureInfo.InvariantCulture)); }
            }
            int rc = Avcodec.avcodec_open2(c, codec, opts.Ref);
            if (rc < 0)
                throw new MediaException(settings.Encoder == VideoEncoderKind.Nvenc
                    ? $"cannot open h264_nvenc (needs an NVIDIA GPU and driver): {AvException.ErrorText(rc)}"
                    : $"cannot open {settings.CodecName} for {width}x{height}: {AvException.ErrorText(rc)}");
        }
        catch
        {
            _ctx.Dispose();
            throw;
        }
        TimeBase = timeBase;
        Settings = settings;
    }

    public AvRational TimeBase { get; }

    /// <summary>The parameter sets (SPS, PPS) in Annex B when the encoder was opened with global headers; empty otherwise. Borrowed.</summary>
    public ReadOnlySpan<byte> Extradata
    {
        get
        {
            byte* data = Shim.veil_ctx_extradata(_ctx.Ptr, out int size);
            return data == null ? [] : new ReadOnlySpan<byte>(data, size);
        }
    }
    public EncoderSettings Settings { get; }
    internal nint Context => _ctx.Ptr;

    /// <summary>Sends a frame (by reference); null flushes. The caller keeps ownership of the frame.</summary>
    /// <param name="keyframe">Encode this frame as an IDR, out of the GOP (a viewer joined).</param>
    public void Send(VideoFrame? frame, bool keyframe = false)
    {
        if (frame is null)
        {
            int eof = Avcodec.avcodec_send_frame(_ctx.Ptr, 0);
            if (eof != AvConst.AVERROR_EOF) AvException.Check(eof, "avcodec_send_frame", "flushing encoder");
            return;
        }
        var buffer = (AvFrameBuffer)frame.Buffer;
        // Encoders need strictly increasing timestamps; a source that repeats one gets nudged.
        long pts = frame.Pts <= _lastPts ? _lastPts + 1 : frame.Pts;
        _lastPts = pts;
        Shim.veil_set_frame_pts(buffer.Ptr, pts);
        Shim.veil_set_frame_pict_type(buffer.Ptr, keyframe ? AvConst.AV_PICTURE_TYPE_I : AvConst.AV_PICTURE_TYPE_NONE);
        AvException.Check(Avcodec.avcodec_send_frame(_ctx.Ptr, buffer.Ptr), "avcodec_send_frame");
    }

    /// <summary>Takes the next encoded packet, or false when the encoder needs more frames (or is drained).</summary>
    public bool TryReceive(MediaPacket packet)
    {
        packet.Unref();
        int rc = Avcodec.avcodec_receive_packet(_ctx.Ptr, packet.Ptr);
        if (rc == AvConst.AVERROR_EAGAIN || rc == AvConst.AVERROR_EOF) return false;
        AvException.Check(rc, "avcodec_receive_packet");
        packet.TimeBase = TimeBase;
        return true;
    }

    public void Dispose() => _ctx.Dispose();
}

using System.Runtime.InteropServices;
using Veil.Media.Codecs;
using Veil.Media.Demux;
using Veil.Media.Handles;
using Veil.Media.Interop;

namespace Veil.Media.Mux;

/// <summary>
/// A muxer writing to a file (mp4, mkv, flv, ts, ...) or pushing FLV to rtmp:// / rtmps://.
/// Network writes run under a deadline so a dead destination fails instead of hanging. Owned by
/// the mux stage once opened.
/// </summary>
public sealed unsafe class MediaOutput : IPacketSink
{
    private readonly OutputContextHandle _ctx;
    private readonly InterruptHandle _interrupt = new();
    private readonly TimeSpan _ioTimeout;
    private bool _headerWritten, _finished;

    private MediaOutput(string url, OutputContextHandle ctx, TimeSpan ioTimeout)
    {
        Url = url;
        _ctx = ctx;
        _ioTimeout = ioTimeout;
        Shim.veil_fmt_set_interrupt(ctx.Ptr, _interrupt.Ptr);
        nint ofmt = Shim.veil_fmt_oformat(ctx.Ptr);
        FormatName = Marshal.PtrToStringUTF8(Shim.veil_ofmt_name(ofmt)) ?? "";
        NeedsGlobalHeader = (Shim.veil_ofmt_flags(ofmt) & AvConst.AVFMT_GLOBALHEADER) != 0;
    }

    public string Url { get; }
    public string FormatName { get; }
    public bool NeedsGlobalHeader { get; }
    public bool IsNetwork => Url.Contains("://") && !Url.StartsWith("file:", StringComparison.OrdinalIgnoreCase);

    /// <summary>Allocates the muxer for <paramref name="url"/>; the format follows the extension, FLV for RTMP.</summary>
    public static MediaOutput Create(string url, string? formatName = null, TimeSpan? ioTimeout = null)
    {
        FFmpegRuntime.EnsureInitialized();
        formatName ??= DefaultFormat(url);
        nint ctx = 0;
        int rc = Avformat.avformat_alloc_output_context2(&ctx, 0, formatName, url);
        if (rc < 0 || ctx == 0)
            throw new MediaException($"cannot write '{url}': no muxer for {(formatName is null ? "this file extension" : $"format '{formatName}'")} ({AvException.ErrorText(rc)})");
        return new MediaOutput(url, new OutputContextHandle(ctx), ioTimeout ?? TimeSpan.FromSeconds(10));
    }

    internal static string? DefaultFormat(string url)
    {
        if (url.StartsWith("rtmp://", StringComparison.OrdinalIgnoreCase) ||
            url.StartsWith("rtmps://", StringComparison.OrdinalIgnoreCase)) return "flv";
        if (url.StartsWith("srt://", StringComparison.OrdinalIgnoreCase) ||
            url.StartsWith("udp://", StringComparison.OrdinalIgnoreCase)) return "mpegts";
        return null;
    }

    /// <summary>True when this container can carry the codec as it is (no transcode needed).</summary>
    public bool CanCarry(int codecId)
    {
        // FLV (and so RTMP) nominally carries PCM, Speex, Nellymoser at a few sample rates; players
        // and platforms take AAC and MP3 only, so anything else is transcoded.
        if (FormatName == "flv" && codecId is not (AvConst.AV_CODEC_ID_AAC or AvConst.AV_CODEC_ID_MP3)) return false;
        // HLS players (hls.js over MSE, Safari) decode AAC in fMP4 segments; FFmpeg's hls muxer answers no query.
        if (FormatName == "hls") return codecId == AvConst.AV_CODEC_ID_AAC;
        return Avformat.avformat_query_codec(Shim.veil_fmt_oformat(_ctx.Ptr), codecId, AvConst.FF_COMPLIANCE_NORMAL) == 1;
    }

    public int AddVideo(VideoEncoder encoder, AvRational frameRate)
    {
        nint st = NewStream();
        AvException.Check(Avcodec.avcodec_parameters_from_context(Shim.veil_stream_codecpar(st), encoder.Context),
            "avcodec_parameters_from_context", Url);
        Shim.veil_set_stream_time_base(st, encoder.TimeBase);
        if (frameRate.IsValid) Shim.veil_set_stream_avg_frame_rate(st, frameRate);
        return Shim.veil_stream_index(st);
    }

    public int AddAudio(AudioTranscoder transcoder)
    {
        nint st = NewStream();
        AvException.Check(Avcodec.avcodec_parameters_from_context(Shim.veil_stream_codecpar(st), transcoder.EncoderContext),
            "avcodec_parameters_from_context", Url);
        Shim.veil_set_stream_time_base(st, transcoder.TimeBase);
        return Shim.veil_stream_index(st);
    }

    /// <summary>Adds a stream whose packets are copied from the input unchanged.</summary>
    public int AddCopy(MediaInput input, MediaStreamInfo stream)
    {
        nint st = NewStream();
        nint par = Shim.veil_stream_codecpar(st);
        AvException.Check(Avcodec.avcodec_parameters_copy(par, input.CodecParameters(stream.Index)), "avcodec_parameters_copy", Url);
        Shim.veil_set_par_codec_tag(par, 0); // let the muxer pick its own tag for the codec
        Shim.veil_set_stream_time_base(st, stream.TimeBase);
        return Shim.veil_stream_index(st);
    }

    /// <summary>
    /// Opens the file or connects to the server, and writes the container header with the muxer's
    /// <paramref name="muxerOptions"/> (e.g. hls_time); an option the muxer does not know is an error.
    /// </summary>
    public void Open(IReadOnlyDictionary<string, string>? muxerOptions = null)
    {
        nint ofmt = Shim.veil_fmt_oformat(_ctx.Ptr);
        _interrupt.Arm(_ioTimeout);
        if ((Shim.veil_ofmt_flags(ofmt) & AvConst.AVFMT_NOFILE) == 0)
        {
            int rc = Avformat.avio_open2(Shim.veil_fmt_pb_ref(_ctx.Ptr), Url, AvConst.AVIO_FLAG_WRITE, _interrupt.Callback, null);
            if (rc < 0) throw WriteError("cannot open output", rc);
        }
        using var options = new AvDictionary(muxerOptions);
        int hr = Avformat.avformat_write_header(_ctx.Ptr, options.Ref);
        if (hr < 0) throw WriteError("cannot start output", hr);
        if (options.RemainingKeys() is { Count: > 0 } unknown)
            throw new MediaException($"cannot start output '{Url}': the {FormatName} muxer has no option {string.Join(", ", unknown)}");
        _interrupt.Arm(TimeSpan.Zero);
        _headerWritten = true;
    }

    /// <summary>
    /// Writes one packet to output stream <paramref name="streamIndex"/>, shifting its timestamps by
    /// <paramref name="startOffsetUs"/> (the input's start, so outputs begin at 0). Takes the
    /// packet's data reference; the packet is empty afterwards.
    /// </summary>
    public void Write(MediaPacket packet, int streamIndex, long startOffsetUs)
    {
        if (!_headerWritten) throw new InvalidOperationException("Open() the output before writing");
        var tb = Shim.veil_stream_time_base(Shim.veil_fmt_stream(_ctx.Ptr, streamIndex));
        long offset = startOffsetUs == 0 ? 0 : Avutil.av_rescale_q(startOffsetUs, new AvRational(1, AvConst.AV_TIME_BASE), tb);
        packet.Rescale(tb, offset);
        packet.StreamIndex = streamIndex;
        if (IsNetwork) _interrupt.Arm(_ioTimeout);
        int rc = Avformat.av_interleaved_write_frame(_ctx.Ptr, packet.Ptr);
        if (rc < 0) throw WriteError("cannot write to output", rc);
    }

    /// <summary>Flushes interleaving buffers and writes the trailer (the mp4 index).</summary>
    public void Finish()
    {
        if (!_headerWritten || _finished) return;
        _finished = true;
        _interrupt.Arm(_ioTimeout);
        int rc = Avformat.av_write_trailer(_ctx.Ptr);
        if (rc < 0) throw WriteError("cannot finish output", rc);
    }

    /// <summary>Unblocks a write in progress from another thread (shutdown).</summary>
    public void Interrupt() => _interrupt.Cancel();

    private nint NewStream()
    {
        nint st = Avformat.avformat_new_stream(_ctx.Ptr, 0);
        if (st == 0) throw new OutOfMemoryException("avformat_new_stream");
        return st;
    }

    private MediaException WriteError(string what, int rc)
    {
        string why = _interrupt.TimedOut ? $"no progress within {_ioTimeout.TotalSeconds:0.#} s" : AvException.ErrorText(rc);
        return new MediaException($"{what} '{Url}': {why}");
    }

    public void Dispose()
    {
        _ctx.Dispose();
        _interrupt.Dispose();
    }
}

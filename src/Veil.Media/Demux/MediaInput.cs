using System.Diagnostics;
using System.Runtime.InteropServices;
using Veil.Media.Frames;
using Veil.Media.Handles;
using Veil.Media.Interop;

namespace Veil.Media.Demux;

/// <summary>
/// A demuxer over anything FFmpeg opens: files (mp4, mkv, avi, flv, ts), rtsp://, rtmp://, srt://,
/// http(s)://. Every blocking call runs under the interrupt deadline, so a dead source ends with a
/// clear error instead of a hang. Owned by one thread (the demux stage).
/// </summary>
public sealed unsafe class MediaInput : IDisposable
{
    private readonly InterruptHandle _interrupt;
    private readonly InputContextHandle _ctx;
    private readonly InputOptions _options;
    private FeedReader? _feed;

    private MediaInput(string url, InputContextHandle ctx, InterruptHandle interrupt, InputOptions options)
    {
        Url = url;
        _ctx = ctx;
        _interrupt = interrupt;
        _options = options;
        int n = Shim.veil_fmt_nb_streams(ctx.Ptr);
        var streams = new MediaStreamInfo[n];
        for (int i = 0; i < n; i++) streams[i] = Describe(i);
        Streams = streams;
        FormatName = Marshal.PtrToStringUTF8(Shim.veil_fmt_iformat_name(ctx.Ptr)) ?? "";
        long d = Shim.veil_fmt_duration(ctx.Ptr);
        Duration = d > 0 ? TimeSpan.FromMicroseconds(d) : null;
        long s = Shim.veil_fmt_start_time(ctx.Ptr);
        StartTime = s == AvConst.AV_NOPTS_VALUE ? 0 : s;
    }

    public string Url { get; }
    public string FormatName { get; }
    public IReadOnlyList<MediaStreamInfo> Streams { get; }

    /// <summary>Total duration when the container knows it (files), else null (live).</summary>
    public TimeSpan? Duration { get; }

    /// <summary>Start time of the earliest stream in AV_TIME_BASE units; outputs start from 0.</summary>
    public long StartTime { get; }

    public MediaStreamInfo? BestVideo => Streams.FirstOrDefault(s => s.Kind == MediaKind.Video);
    public MediaStreamInfo? BestAudio => Streams.FirstOrDefault(s => s.Kind == MediaKind.Audio);

    internal nint StreamPtr(int index) => Shim.veil_fmt_stream(_ctx.Ptr, index);
    internal nint CodecParameters(int index) => Shim.veil_stream_codecpar(StreamPtr(index));

    public static MediaInput Open(string url, InputOptions? options = null)
    {
        FFmpegRuntime.EnsureInitialized();
        options ??= new InputOptions();
        if (options.Feed is null && IsLocalPath(url) && !File.Exists(url))
            throw new MediaException($"input '{url}' does not exist");

        var interrupt = new InterruptHandle();
        using var dict = new AvDictionary(options.Extra);
        if (url.StartsWith("rtsp://", StringComparison.OrdinalIgnoreCase)) dict.Set("rtsp_transport", options.RtspTransport);
        // A publisher's stream is live: FFmpeg would probe it for seconds of media (90 s for FLV, which may add streams
        // late), so it started late and its first frames were old. Half a second finds every track a publisher sends,
        // and 5 frames its frame rate where the container does not say it (WHIP's Matroska, SRT's TS): FFmpeg's 20
        // held a WHIP stream's first frame 1.1 s in the probe.
        if (options.Feed is not null && !options.Extra.ContainsKey("analyzeduration")) dict.Set("analyzeduration", "500000");
        if (options.Feed is not null && !options.Extra.ContainsKey("fpsprobesize")) dict.Set("fpsprobesize", "5");
        nint ctx = Avformat.avformat_alloc_context();
        if (ctx == 0) { interrupt.Dispose(); throw new OutOfMemoryException("avformat_alloc_context"); }
        Shim.veil_fmt_set_interrupt(ctx, interrupt.Ptr);
        interrupt.Arm(options.OpenTimeout);
        var feed = options.Feed is null ? null : new FeedReader(options.Feed, options.OpenTimeout);
        try
        {
            if (feed is not null) feed.Attach(ctx);
            nint format = options.Format is null ? 0 : Avformat.av_find_input_format(options.Format);
            if (options.Format is not null && format == 0) throw new MediaException($"input '{url}': FFmpeg has no demuxer '{options.Format}'");
            int rc = Avformat.avformat_open_input(&ctx, feed is null ? url : "", format, dict.Ref); // frees ctx on failure
            if (rc < 0) throw OpenError(url, "avformat_open_input", rc, interrupt, options);
            var handle = new InputContextHandle(ctx);
            try
            {
                rc = Avformat.avformat_find_stream_info(handle.Ptr, null);
                if (rc < 0) throw OpenError(url, "avformat_find_stream_info", rc, interrupt, options);
                interrupt.Arm(TimeSpan.Zero);
                feed?.ReadTimeout(options.ReadTimeout);
                var input = new MediaInput(url, handle, interrupt, options) { _feed = feed };
                if (input.BestVideo is null)
                    throw new MediaException($"input '{url}' ({input.FormatName}) has no video stream");
                return input;
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }
        catch
        {
            interrupt.Dispose();
            feed?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the next packet into <paramref name="packet"/>. Returns false at the end of the input;
    /// throws <see cref="MediaException"/> when the input is corrupt, truncated or stalls.
    /// </summary>
    public bool TryReadPacket(MediaPacket packet)
    {
        packet.Unref();
        _interrupt.Arm(_options.ReadTimeout);
        int rc = Avformat.av_read_frame(_ctx.Ptr, packet.Ptr);
        if (rc == AvConst.AVERROR_EOF && _options.Loop && _loopEndUs > _loopStartUs) rc = Rewind(packet);
        if (rc == AvConst.AVERROR_EOF && _feed?.Feed.TimedOut == true) throw Stall("publisher stalled");
        if (rc == AvConst.AVERROR_EOF) return false;
        if (rc < 0)
        {
            if (_interrupt.TimedOut || _feed?.Feed.TimedOut == true) throw Stall(_feed is null ? "source stalled" : "publisher stalled");
            throw new MediaException($"input '{Url}' is corrupt or cannot be read: {AvException.ErrorText(rc)}");
        }
        packet.TimeBase = Shim.veil_stream_time_base(StreamPtr(packet.StreamIndex));
        // Bytes Veil was handed (a publisher's) arrived when the ingest wrote them: the wait in the feed is latency too.
        long pos = Shim.veil_pkt_pos(packet.Ptr);
        long arrival = _feed?.Feed.ArrivalOf(pos < 0 ? -1 : pos + packet.Size - 1) ?? 0; // whole once its last byte came
        packet.ArrivalTimestamp = arrival != 0 ? arrival : Stopwatch.GetTimestamp();
        if (_options.Loop) Shift(packet);
        return true;
    }

    /// <summary>A stall, with how long the source has really been silent (a feed knows its last bytes; a URL input its deadline).</summary>
    private MediaException Stall(string what)
    {
        var silent = _feed?.Feed.SilentFor ?? _options.ReadTimeout;
        return new MediaException($"input '{Url}': no data for {silent.TotalSeconds:0.#} s ({what})") { Stalled = true };
    }

    private long _loopStartUs = long.MaxValue, _loopEndUs = long.MinValue, _loopShiftUs;

    /// <summary>Seeks back to the start of a looped file and reads its first packet again; the timestamps run on.</summary>
    private int Rewind(MediaPacket packet)
    {
        _loopShiftUs += _loopEndUs - _loopStartUs;
        _loopEndUs = long.MinValue;
        int rc = Avformat.av_seek_frame(_ctx.Ptr, -1, StartTime, AvConst.AVSEEK_FLAG_BACKWARD);
        if (rc < 0) throw new MediaException($"input '{Url}': cannot start it again for --loop ({AvException.ErrorText(rc)})");
        return Avformat.av_read_frame(_ctx.Ptr, packet.Ptr);
    }

    /// <summary>
    /// Moves a looped file's packet on by the loops before it, and learns the file's span over all
    /// its streams, so no stream's timestamps go back (audio priming can leave a gap of a frame or two).
    /// </summary>
    private void Shift(MediaPacket packet)
    {
        var us = new AvRational(1, AvConst.AV_TIME_BASE);
        long pts = packet.Pts;
        if (pts == AvConst.AV_NOPTS_VALUE) return;
        long startUs = Avutil.av_rescale_q(Math.Min(pts, packet.Dts == AvConst.AV_NOPTS_VALUE ? pts : packet.Dts), packet.TimeBase, us);
        long endUs = Avutil.av_rescale_q(pts + Math.Max(0, packet.Duration), packet.TimeBase, us);
        if (_loopShiftUs == 0) _loopStartUs = Math.Min(_loopStartUs, startUs);
        _loopEndUs = Math.Max(_loopEndUs, endUs);
        if (_loopShiftUs == 0) return;
        long shift = Avutil.av_rescale_q(_loopShiftUs, us, packet.TimeBase);
        Shim.veil_set_pkt_pts(packet.Ptr, pts + shift);
        if (packet.Dts != AvConst.AV_NOPTS_VALUE) Shim.veil_set_pkt_dts(packet.Ptr, packet.Dts + shift);
    }

    /// <summary>Set once the input ended before the frames its own index lists (<see cref="CheckComplete"/>).</summary>
    public InputTruncation? Truncation { get; private set; }

    /// <summary>
    /// Notes when the input ended before the frames its own index promises (a file cut short whose
    /// index survived, e.g. an mp4 written with faststart). The frames before the cut are good and
    /// kept, as for any other truncated file; the caller reports <see cref="Truncation"/>.
    /// </summary>
    public void CheckComplete(MediaStreamInfo stream, long packetsRead)
    {
        // A little slack: AVI indexes list dropped (empty) frames that never arrive as packets.
        if (stream.FrameCount > 0 && packetsRead + Math.Max(2, stream.FrameCount / 100) < stream.FrameCount)
            Truncation = new InputTruncation(Url, stream.FrameCount, packetsRead);
    }

    /// <summary>Unblocks a read in progress from another thread (shutdown).</summary>
    public void Interrupt()
    {
        _interrupt.Cancel();
        _feed?.Feed.Abort();
    }

    private MediaStreamInfo Describe(int i)
    {
        nint st = StreamPtr(i);
        nint par = Shim.veil_stream_codecpar(st);
        var kind = Shim.veil_par_codec_type(par) switch
        {
            AvConst.AVMEDIA_TYPE_VIDEO => MediaKind.Video,
            AvConst.AVMEDIA_TYPE_AUDIO => MediaKind.Audio,
            _ => MediaKind.Other,
        };
        int codecId = Shim.veil_par_codec_id(par);
        var rate = kind == MediaKind.Video ? Avformat.av_guess_frame_rate(_ctx.Ptr, st, 0) : default;
        var (orientation, rotation) = kind == MediaKind.Video ? DisplayMatrix.Read(st) : default;
        var (width, height) = orientation.Turn(Shim.veil_par_width(par), Shim.veil_par_height(par));
        return new MediaStreamInfo(i, kind, CodecName(codecId), codecId, Shim.veil_stream_time_base(st), rate,
            width, height, Shim.veil_par_sample_rate(par), Shim.veil_par_channels(par), Shim.veil_stream_nb_frames(st))
        {
            Orientation = orientation, DisplayRotation = rotation,
        };
    }

    internal static string CodecName(int codecId) => Marshal.PtrToStringUTF8(Avcodec.avcodec_get_name(codecId)) ?? "unknown";

    private static bool IsLocalPath(string url) => !url.Contains("://") && !url.StartsWith("pipe:");

    private static MediaException OpenError(string url, string call, int rc, InterruptHandle interrupt, InputOptions options)
    {
        if (interrupt.TimedOut)
            return new MediaException($"cannot open input '{url}': no answer within {options.OpenTimeout.TotalSeconds:0.#} s");
        string why = AvException.ErrorText(rc);
        if (rc is AvConst.AVERROR_INVALIDDATA or AvConst.AVERROR_EOF && options.Feed is null && IsLocalPath(url))
            why += $" ({OpenFailureCause.Explain(url, rc)})";
        return new MediaException($"cannot open input '{url}': {why}", new AvException(call, rc));
    }

    public void Dispose()
    {
        _ctx.Dispose();
        _feed?.Dispose(); // after the context: avformat_close_input leaves custom I/O to its owner
        _interrupt.Dispose();
    }
}

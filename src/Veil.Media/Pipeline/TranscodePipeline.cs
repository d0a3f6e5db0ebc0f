using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Veil.Core.Frames;
using Veil.Core.Pipeline;
using Veil.Core.Stats;
using Veil.Media.Codecs;
using Veil.Media.Demux;
using Veil.Media.Interop;
using Veil.Media.Mux;

namespace Veil.Media.Pipeline;

/// <summary>
/// Demux → decode → redact (in place) → encode → mux, each a loop on its own thread joined by
/// bounded queues (back-pressure, no unbounded queues), with audio copied or transcoded beside
/// the video. A frame reaches the encoder only after the processor returned for it; when any stage
/// fails the whole run stops and nothing more is written.
/// </summary>
public sealed partial class TranscodePipeline : IDisposable
{
    private readonly MediaInput _input;
    private readonly VideoDecoder _decoder;
    private readonly VideoEncoder _encoder;
    private readonly AudioTranscoder? _audioTranscoder;
    private readonly List<MediaOutput> _outputs = new();
    private readonly List<Destination> _destinations = new();
    private readonly List<Destination> _sideOutputs = new();
    private readonly PacketPool _packets = new();
    private readonly IFrameProcessor _processor;
    private readonly MediaStreamInfo _video;
    private readonly MediaStreamInfo? _audio;
    private readonly int _videoOut, _audioOut = -1;
    private long _framesEncoded, _lastVideoPts, _framesDropped;
    private readonly bool _pacesInput;
    private readonly ArrivalLog _arrivals = new();
    private MediaException? _inputBrokeOff;
    private readonly DurationLimit? _limit;
    private readonly IEncodedVideoTap? _videoTap;
    private readonly KeyframeRequests? _keyframes;
    private readonly GopClock _gop;
    private readonly ILogger _log;
    private readonly LoadShedder? _shedder;
    private int _openMuxWriters = 2; // video and audio stages both feed the muxer

    private TranscodePipeline(TranscodeRequest request, IFrameProcessor processor, MediaInput input)
    {
        _processor = processor;
        _input = input;
        _pacesInput = request.PacesInput;
        _limit = request.MaxDuration is { } max ? new DurationLimit(max) : null;
        _videoTap = request.VideoTap;
        _keyframes = request.Keyframes;
        _log = request.Log;
        _shedder = request.ShedLoad ? new LoadShedder(_log, (processor as ILookAheadProcessor)?.Delay ?? TimeSpan.Zero) : null;
        _video = input.BestVideo!;
        if (_video.Width <= 0 || _video.Height <= 0)
            throw new MediaException($"input '{request.Input}': video size unknown ({_video})");
        try
        {
            _decoder = new VideoDecoder(input, _video, _log, lowDelay: request.ShedLoad || _pacesInput); // live: no frame held for threads

            // Live destinations are probed here (muxer only, no connection) and connect on their own threads.
            foreach (var url in request.Outputs) _outputs.Add(MediaOutput.Create(url, request.OutputFormat));
            // Side outputs' muxers are probed too: their audio and headers must fit them as well.
            var sideProbes = request.SideOutputs.Select(side => MediaOutput.Create(side.Name, side.Format)).ToList();
            _outputs.AddRange(sideProbes);
            bool globalHeader = _outputs.Any(o => o.NeedsGlobalHeader);
            // A rate over 240 fps is a time base read as a rate (a WHIP publish probes at 1000 fps): the
            // encoder would plan for 1 ms frames. Keyframes follow time either way (GopClock).
            var rate = _video.FrameRate.IsValid && _video.FrameRate.ToDouble() <= 240 ? _video.FrameRate : new AvRational(25, 1);
            _encoder = new VideoEncoder(_decoder.Width, _decoder.Height, _video.TimeBase, rate, request.Encoder, globalHeader);
            _gop = new GopClock(request.Encoder.GopSeconds, _video.TimeBase);
            _audio = request.NoAudio ? null : input.BestAudio;
            if (_audio is not null)
            {
                Audio = _outputs.All(o => o.CanCarry(_audio.CodecId)) ? AudioMode.Copy : AudioMode.TranscodeToAac;
                if (Audio == AudioMode.TranscodeToAac) _audioTranscoder = new AudioTranscoder(input, _audio, globalHeader, _packets);
            }
            foreach (var output in _outputs) (_videoOut, _audioOut) = AddStreams(output, rate);
            foreach (var probe in sideProbes)
            {
                _outputs.Remove(probe);
                probe.Dispose();
            }
            foreach (var side in request.SideOutputs)
            {
                OutputOpener opener = (url, options) => OpenOutput(url, side.Format, rate, options);
                _sideOutputs.Add(new Destination(side.Name, () => side.Open(opener), _packets, input.StartTime, _log));
            }
            if (request.ReconnectOutputs)
            {
                foreach (var probe in _outputs) probe.Dispose();
                _outputs.Clear();
                foreach (var url in request.Outputs)
                    _destinations.Add(new Destination(url, () => OpenOutput(request.OpenAs?.Invoke(url) ?? url, request.OutputFormat, rate), _packets, input.StartTime, _log));
            }
            else
            {
                foreach (var output in _outputs) output.Open();
            }
        }
        catch
        {
            Dispose(); // frees whatever was built before the failing step
            throw;
        }
    }

    /// <summary>A new muxer for a live destination, with the run's streams, connected.</summary>
    private MediaOutput OpenOutput(string url, string? format, AvRational rate, IReadOnlyDictionary<string, string>? muxerOptions = null)
    {
        var output = MediaOutput.Create(url, format);
        try
        {
            AddStreams(output, rate);
            output.Open(muxerOptions);
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    private (int Video, int Audio) AddStreams(MediaOutput output, AvRational rate)
    {
        int video = output.AddVideo(_encoder, rate), audio = -1;
        if (_audio is not null)
            audio = Audio == AudioMode.Copy ? output.AddCopy(_input, _audio) : output.AddAudio(_audioTranscoder!);
        return (video, audio);
    }

    /// <summary>The live destinations (with <see cref="TranscodeRequest.ReconnectOutputs"/>); empty otherwise.</summary>
    public IReadOnlyList<DestinationStatus> Destinations => _destinations.Select(d => d.Status).ToList();

    /// <summary>The side outputs (<see cref="TranscodeRequest.SideOutputs"/>), by name.</summary>
    public IReadOnlyList<DestinationStatus> SideOutputs => _sideOutputs.Select(d => d.Status).ToList();

    public MediaStreamInfo Video => _video;
    public MediaStreamInfo? AudioStream => _audio;
    public AudioMode Audio { get; } = AudioMode.None;
    public TimeSpan? Duration => _input.Duration;

    /// <summary>Set when the input ended before the frames its index lists; read after <see cref="RunAsync"/>.</summary>
    public InputTruncation? Truncation => _input.Truncation;
    public long FramesEncoded => Interlocked.Read(ref _framesEncoded);

    /// <summary>Frames a live run dropped at its entry to stay near real time (see <see cref="TranscodeRequest.ShedLoad"/>).</summary>
    public long FramesShed => _shedder?.Shed ?? 0;

    /// <summary>Each video frame's time from its packet's arrival to its encoded packet leaving.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>
    /// <see cref="Latency"/> without the run's opening: frames whose packets arrived in the first
    /// <see cref="Opening"/> wait for the probe and the first full detection passes, and the run
    /// sheds frames to catch up. A long run's figure; a short run's whole figure is mostly its opening.
    /// </summary>
    public LatencyHistogram SettledLatency { get; } = new();

    /// <summary>How long from a run's first packet its latency counts as opening, not settled.</summary>
    public static readonly TimeSpan Opening = TimeSpan.FromSeconds(3);

    /// <summary>How long a run that ends waits in all for its destinations to write what they hold and finish.</summary>
    private static readonly TimeSpan FinishWait = TimeSpan.FromSeconds(5);

    /// <summary>Opens the input and every output (connecting to RTMP servers); throws with a clear reason.</summary>
    public static TranscodePipeline Create(TranscodeRequest request, IFrameProcessor processor)
    {
        if (request.Outputs.Count == 0) throw new ArgumentException("no output given");
        var input = MediaInput.Open(request.Input, request.InputOptions);
        try
        {
            return new TranscodePipeline(request, processor, input);
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    /// <summary>Runs to the end of the input (or cancellation); the first stage error is rethrown.</summary>
    public async Task<TranscodeResult> RunAsync(Action<TranscodeProgress>? progress = null, CancellationToken ct = default)
    {
        _processor.Prepare(_decoder.Width, _decoder.Height);
        var clock = Stopwatch.StartNew();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var unblock = cts.Token.Register(() =>
        {
            _input.Interrupt();
            foreach (var o in _outputs) o.Interrupt();
            // Destinations finish what they were sent (below): a stopped stream's recording keeps its last seconds and index.
            foreach (var d in _destinations.Concat(_sideOutputs)) d.EndInput();
        });

        using var videoPackets = new StageQueue<MediaPacket>(16, cts.Token);
        using var audioPackets = new StageQueue<MediaPacket>(64, cts.Token);
        using var decoded = new StageQueue<VideoFrame>(4, cts.Token);
        using var redacted = new StageQueue<VideoFrame>(4, cts.Token);
        using var muxQueue = new StageQueue<MuxItem>(64, cts.Token);

        Exception? failure = null;
        // Each stage is a loop on its own thread: they block on their queues (and redaction on
        // detection) without holding pool threads, and a blocking queue allocates nothing per item.
        Task Stage(string name, Action<CancellationToken> loop) => Task.Factory.StartNew(() =>
        {
            Thread.CurrentThread.Name = "veil-" + name;
            try { loop(cts.Token); }
            catch (OperationCanceledException) when (cts.IsCancellationRequested) { }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
                cts.Cancel();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var report = progress is null ? null : new Action(() => progress(Snapshot(clock)));
        var stages = new[]
        {
            Stage("demux", t => Demux(videoPackets, audioPackets, t)),
            Stage("decode", _ => Decode(videoPackets, decoded)),
            Stage("redact", _ => Redact(decoded, redacted)),
            Stage("encode", _ => Encode(redacted, muxQueue, report)),
            Stage("audio", _ => AudioStage(audioPackets, muxQueue)),
            Stage("mux", t => Mux(muxQueue, t)),
        };
        await Task.WhenAll(stages);
        _shedder?.Flush();
        FinishDestinations();

        // Whatever is still queued after a failure is returned, never encoded.
        Drain(videoPackets, _packets.Return);
        Drain(audioPackets, _packets.Return);
        Drain(decoded, f => f.Release());
        Drain(redacted, f => f.Release());
        Drain(muxQueue, m => _packets.Return(m.Packet));

        if (failure is not null) throw failure;
        ct.ThrowIfCancellationRequested();
        if (_inputBrokeOff is not null) throw _inputBrokeOff; // the outputs hold everything before it
        progress?.Invoke(Snapshot(clock));
        return new TranscodeResult(_decoder.Width, _decoder.Height, _decoder.FramesDecoded, FramesEncoded,
            _decoder.CorruptPackets, Audio, clock.Elapsed)
        {
            FramesDropped = Interlocked.Read(ref _framesDropped),
            FramesShed = FramesShed,
            LatencyP50Ms = Latency.PercentileMs(0.50), LatencyP95Ms = Latency.PercentileMs(0.95), LatencyP99Ms = Latency.PercentileMs(0.99),
        };
    }

    private TranscodeProgress Snapshot(Stopwatch clock)
    {
        long pts = Interlocked.Read(ref _lastVideoPts);
        long startInVideoBase = Avutil.av_rescale_q(_input.StartTime, new AvRational(1, AvConst.AV_TIME_BASE), _video.TimeBase);
        var position = TimeSpan.FromSeconds(Math.Max(0, (pts - startInVideoBase) * _video.TimeBase.ToDouble()));
        return new TranscodeProgress(FramesEncoded, position, _input.Duration, clock.Elapsed);
    }

    /// <summary>
    /// Waits for every destination and side output to write what it was sent and finish its file
    /// (after a stop or a failure too: every packet sent is redacted), then stops the ones still
    /// busy: a dead server is not waited for longer than <see cref="FinishWait"/> in all.
    /// </summary>
    private void FinishDestinations()
    {
        var clock = Stopwatch.StartNew();
        foreach (var d in _destinations.Concat(_sideOutputs))
            d.Complete(FinishWait - clock.Elapsed > TimeSpan.Zero ? FinishWait - clock.Elapsed : TimeSpan.Zero);
    }

    private static void Drain<T>(StageQueue<T> queue, Action<T> release)
    {
        while (queue.TryTakeNow(out var item)) release(item);
    }

    public void Dispose()
    {
        foreach (var d in _destinations.Concat(_sideOutputs)) d.Dispose();
        foreach (var o in _outputs) o.Dispose();
        _encoder?.Dispose();
        _audioTranscoder?.Dispose();
        _decoder?.Dispose();
        _packets.Dispose();
        _input.Dispose();
    }
}

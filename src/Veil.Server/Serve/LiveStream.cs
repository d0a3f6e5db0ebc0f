using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Veil.Core.Stats;
using Veil.Ingest;
using Veil.Media;
using Veil.Media.Demux;
using Veil.Media.Pipeline;
using Veil.Server.Anonymize;
using Veil.Server.Serve.Hls;
using Veil.Server.Serve.Recording;
using Veil.Server.Violations;
using Veil.Server.VisionSetup;
using Veil.Vision.Masks;

namespace Veil.Server.Serve;

/// <summary>
/// One stream's supervisor: opens the source (or waits for its publisher) and every destination,
/// runs the anonymizing pipeline, and when the source fails, logs why and starts again after a
/// backoff (1 s, doubling to 30 s; back to 1 s after a run that lasted). A push stream runs once
/// per publish and then waits for the next publisher; a new publisher with the key takes over from
/// one that is gone (LiveStream.Publishers.cs). Stats are read by the API and metrics.
/// </summary>
internal sealed partial class LiveStream : IAsyncDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30), LongRun = TimeSpan.FromSeconds(10);
    private readonly AnonymizeSettings _template;
    private readonly ServeSettings _limits;
    private readonly DetectionSetup? _detection;
    private readonly ILogger _log;
    private readonly ILogger _runLog; // what the libraries log of a run, "stream NAME: " in front
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private readonly Stopwatch _fpsClock = Stopwatch.StartNew();
    private TranscodePipeline? _pipeline;
    private ProcessorFactory? _processors;
    private long _framesBefore, _framesNow, _obscuredBefore, _shedBefore;
    private (long Frames, double Seconds) _fpsMark;

    private readonly EventReporter? _events;
    private readonly HlsFolder? _hls;
    private readonly RecordingFolder? _recordings;

    public LiveStream(StreamSpec spec, ServeSettings limits, AnonymizeSettings template, DetectionSetup? detection, ILogger log, EventReporter? events = null, IStreamEvents? hooks = null, HlsFolder? hls = null, RecordingFolder? recordings = null)
    {
        _events = events;
        _hooks = hooks;
        _hls = hls;
        _hls?.Clear(spec.Name); // a server killed mid-run left its playlist: it must not be served as this stream's
        _recordings = recordings;
        Spec = spec;
        _limits = limits;
        _template = template;
        _detection = detection;
        _log = log;
        _runLog = new StreamLogger(log, spec.Name);
        InitPolicy();
        Viewers = new EncodedVideoFanout(log);
        Files = new DestinationFiles(spec.Name, log);
        _run = Task.Run(RunAsync);
    }

    public StreamSpec Spec { get; }

    /// <summary>WebRTC viewers of the anonymized output: they stay across runs and see each run's packets.</summary>
    public EncodedVideoFanout Viewers { get; }
    public string Name => Spec.Name;

    /// <summary>The file each file destination writes: a file of its own for each run, never one that was there.</summary>
    public DestinationFiles Files { get; }
    public StreamState State { get; private set; } = StreamState.Starting;
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    public DateTime? RunningSince { get; private set; }
    public double Fps { get; private set; }
    public long Frames => _framesBefore + Interlocked.Read(ref _framesNow);
    public long ObscuredFrames => _obscuredBefore + (_processors?.ObscuredFrames ?? 0);

    /// <summary>Frames dropped at the entry because the stream fell behind its source (all runs).</summary>
    public long ShedFrames => _shedBefore + (_processors is null ? 0 : _pipeline?.FramesShed ?? 0);

    /// <summary>Each destination's state in the current run (empty between runs).</summary>
    public IReadOnlyList<DestinationStatus> Destinations => _processors is null ? [] : _pipeline?.Destinations ?? [];

    /// <summary>The HLS and recording outputs of the current run (empty between runs).</summary>
    public IReadOnlyList<DestinationStatus> SideOutputs => _processors is null ? [] : _pipeline?.SideOutputs ?? [];

    /// <summary>Latency percentiles of the current (or last) run, in ms; null before the first frame.</summary>
    public (double P50, double P95, double P99)? LatencyMs => Percentiles(_pipeline?.Latency);

    /// <summary>The same without the run's opening (<see cref="TranscodePipeline.SettledLatency"/>); null before it has settled.</summary>
    public (double P50, double P95, double P99)? SettledLatencyMs => Percentiles(_pipeline?.SettledLatency);

    private static (double P50, double P95, double P99)? Percentiles(LatencyHistogram? h) =>
        h is { Count: > 0 } ? (h.PercentileMs(0.5), h.PercentileMs(0.95), h.PercentileMs(0.99)) : null;

    private async Task RunAsync()
    {
        if (Spec.IsPush)
        {
            await RunPushAsync();
            return;
        }
        int failures = 0;
        while (!_stop.IsCancellationRequested)
        {
            Attempts++;
            State = Attempts == 1 ? StreamState.Starting : State;
            var clock = Stopwatch.StartNew();
            string ended = "source ended";
            try
            {
                await RunOnceAsync();
                StreamLog.SourceEnded(_log, Spec.Name, Frames);
                if (!Spec.Loop && !Spec.Source.Contains("://"))
                {
                    State = StreamState.Finished;
                    return;
                }
                failures = 0;
                LastError = "source ended";
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                ended = $"stream {Name} is stopping";
                break;
            }
            catch (Exception e)
            {
                LastError = ended = e.Message;
                StreamLog.Problem(_log, Spec.Name, e.Message);
                RaiseFailed(e.Message);
            }
            finally
            {
                EndRun(ended);
            }
            if (clock.Elapsed >= LongRun) failures = 0;
            failures++;
            var wait = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, failures - 1)));
            State = StreamState.Retrying;
            StreamLog.Retrying(_log, Spec.Name, wait.TotalSeconds, Attempts + 1);
            try { await Task.Delay(wait, _stop.Token); }
            catch (OperationCanceledException) { break; }
        }
        State = StreamState.Stopped;
    }

    private async Task RunOnceAsync(StreamFeed? feed = null, CancellationToken ct = default)
    {
        var settings = WithPolicy(_template with { Input = Spec.Source, Outputs = Spec.Destinations });
        if (Spec.Camera is { } cameraFile)
        {
            // The stream's own camera file replaces the server's: its masks, zones and calibration.
            var own = CameraConfig.Load(cameraFile);
            settings = settings with { Camera = own, Masks = [.. own.Masks] };
        }
        _processors = ProcessorFactory.Create(settings with { Camera = settings.Camera is { } c ? c with { Name = Spec.Name } : null, Realtime = true }, _detection, _runLog, _events);
        bool file = feed is null && !Spec.Source.Contains("://");
        var request = new TranscodeRequest(feed is null ? Spec.Source : $"{feed.Format} publish to {Spec.Name}", Spec.Destinations)
        {
            Encoder = settings.Encoder with { Profile = settings.Encoder.Profile ?? "main" }, // main: what browsers (WHEP viewers) decode
            Realtime = file,
            InputOptions = new InputOptions
            {
                Loop = Spec.Loop && file, Feed = feed, Format = feed?.Format,
                Extra = feed?.DemuxerOptions ?? new Dictionary<string, string>(),
            },
            ReconnectOutputs = true,
            OpenAs = Files.Open,
            ShedLoad = true, // live: a stream that falls behind drops frames at its entry rather than lag without bound
            SideOutputs = [.. new[] { _hls?.For(Spec.Name), _recordings?.For(Spec.Name) }.OfType<SideOutput>()],
            VideoTap = Viewers,
            Keyframes = Viewers.Keyframes,
            Log = _runLog,
        };
        _pipeline = TranscodePipeline.Create(request, _processors.Processor);
        if (feed is null) RaisePublished(new Dictionary<string, object?> { ["source"] = file ? "file" : Spec.Source[..Spec.Source.IndexOf("://", StringComparison.Ordinal)] });
        if (_pipeline.Video.Width > _limits.MaxWidth || _pipeline.Video.Height > _limits.MaxHeight)
            throw new MediaException($"video {_pipeline.Video.Width}x{_pipeline.Video.Height} is over the limit of {_limits.MaxWidth}x{_limits.MaxHeight} (Veil:MaxWidth, Veil:MaxHeight)");
        _processors.Validate(_pipeline.Video.Width, _pipeline.Video.Height);
        State = StreamState.Running;
        RunningSince = DateTime.UtcNow;
        Raise(StreamEventTypes.Running, new Dictionary<string, object?>
        {
            ["width"] = _pipeline.Video.Width, ["height"] = _pipeline.Video.Height, ["fps"] = Math.Round(_pipeline.Video.FrameRate.ToDouble(), 2),
            ["destinations"] = Spec.Destinations.Count, ["attempt"] = Attempts,
        });
        StreamLog.Running(_log, Spec.Name, _pipeline.Video.Width, _pipeline.Video.Height, _pipeline.Video.FrameRate.ToDouble(), request.Encoder.GopSeconds, request.Input,
            Spec.Destinations.Count, KeepZoneText.Describe(_processors.KeepZones));
        using var run = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, ct);
        await _pipeline.RunAsync(OnProgress, run.Token);
    }

    private void OnProgress(TranscodeProgress progress)
    {
        Interlocked.Exchange(ref _framesNow, progress.FramesEncoded);
        double now = _fpsClock.Elapsed.TotalSeconds;
        if (now - _fpsMark.Seconds >= 1)
        {
            Fps = (Frames - _fpsMark.Frames) / (now - _fpsMark.Seconds);
            _fpsMark = (Frames, now);
        }
    }

    /// <summary>Ends a run; one that was published is told stopped, with its counts and <paramref name="reason"/>.</summary>
    private void EndRun(string reason)
    {
        long frames = Interlocked.Exchange(ref _framesNow, 0), obscured = _processors?.ObscuredFrames ?? 0, shed = _processors is null ? 0 : _pipeline?.FramesShed ?? 0;
        _framesBefore += frames;
        _obscuredBefore += obscured;
        _shedBefore += shed;
        if (_publishedAt is { } since)
        {
            Raise(StreamEventTypes.Stopped, new Dictionary<string, object?>
            {
                ["reason"] = reason, ["frames"] = frames, ["obscured_frames"] = obscured, ["shed_frames"] = shed,
                ["seconds"] = Math.Round(since.Elapsed.TotalSeconds, 1), ["attempt"] = Attempts,
            });
            _publishedAt = null;
        }
        Fps = 0;
        RunningSince = null;
        _pipeline?.Dispose();
        lock (_policyGate)
        {
            _processors?.Dispose();
            _processors = null;
            _runValues = null;
        } // the pipeline stays readable for the last run's latency until the next one
        Memory.StreamMemoryRelease.AfterRun(_detection, _log);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _run;
        _stop.Dispose();
        _hls?.Clear(Spec.Name);
    }
}

using System.Diagnostics;
using Veil.Media.Demux;
using Veil.Media.Pipeline;
using Veil.Server.Anonymize;
using Veil.Server.Violations;
using Veil.Vision.Masks;

namespace Veil.Server.Bench;

/// <summary>
/// `veil bench`: Veil's full decode → detect → redact → encode of one input beside a bare FFmpeg
/// transcode with the same encoder settings, alternating in each round, so the ratio survives a
/// noisy machine. Both write to the null muxer: the figures are the media path's, not the disk's.
/// Models load before the clock starts (a server loads them once).
/// </summary>
internal sealed class TranscodeBench(AnonymizeSettings settings, int runs, bool realtime = false)
{
    /// <summary>Used when no mask is given: a centred rectangle over 16 % of the frame.</summary>
    public static PrivacyMask DefaultMask { get; } = MaskParser.ParseRectangle("0.3,0.3,0.4,0.4", "bench default");

    public async Task<BenchReport> RunAsync(TextWriter? log, CancellationToken ct)
    {
        var used = settings.Masks.Count > 0 ? settings : settings with { Masks = [DefaultMask] };
        MediaStreamInfo video;
        using (var probe = MediaInput.Open(settings.Input)) video = probe.BestVideo!;
        double fps = video.FrameRate.ToDouble();

        var rounds = new List<(RunMeasure Ffmpeg, RunMeasure Veil, IReadOnlyDictionary<string, (double Ms, long Runs, long Pixels)> Models)>();
        for (int i = 1; i <= runs; i++)
        {
            var ff = await FfmpegBaseline.RunAsync(settings.Input, settings.Encoder, fps, ct);
            var (veil, models) = await RunVeilAsync(used, ct);
            log?.WriteLine($"round {i}/{runs}: ffmpeg {ff.Fps:0.#} fps, veil {veil.Fps:0.#} fps");
            rounds.Add((ff, veil, models));
        }
        var median = rounds.OrderBy(r => r.Veil.Fps / r.Ffmpeg.Fps).ElementAt(rounds.Count / 2);
        string what = settings.Classes.Count > 0 ? string.Join(",", settings.Classes.Select(c => c.ToString().ToLowerInvariant())) + $" (models {_precisions})" : "masks only";
        return new BenchReport(settings.Input, $"{video.Width}x{video.Height} {video.CodecName} @ {fps:0.##} fps",
            string.Join(" ", settings.Encoder.ToFfmpegArgs(fps)), what, used.Masks.Count, runs, median.Ffmpeg, median.Veil, median.Models);
    }

    private string? _precisions; // which file of each model ran, from the last round

    private async Task<(RunMeasure, IReadOnlyDictionary<string, (double Ms, long Runs, long Pixels)>)> RunVeilAsync(AnonymizeSettings settings, CancellationToken ct)
    {
        await using var events = settings.Violations is { } v ? new EventReporter(v, _ => { }) : null;
        using var processors = ProcessorFactory.Create(settings, events: events);
        GC.Collect();
        ProcessUsage.ResetPeakRss();
        double cpu0 = ProcessUsage.CpuSeconds();
        var allocation = new SteadyAllocation();
        var clock = Stopwatch.StartNew();
        var request = new TranscodeRequest(settings.Input, ["-"]) { Encoder = settings.Encoder, OutputFormat = "null", Realtime = realtime };
        using var pipeline = TranscodePipeline.Create(request, processors.Processor);
        var result = await pipeline.RunAsync(allocation.Sample, ct);
        clock.Stop();
        var measure = new RunMeasure("veil", result.FramesEncoded, clock.Elapsed.TotalSeconds,
            ProcessUsage.CpuSeconds() - cpu0, ProcessUsage.PeakRssMiB())
        {
            LatencyMs = (result.LatencyP50Ms, result.LatencyP95Ms, result.LatencyP99Ms),
            AllocatedBytesPerFrame = allocation.BytesPerFrame,
        };
        _precisions = processors.Precisions;
        return (measure, processors.ModelTimes);
    }
}

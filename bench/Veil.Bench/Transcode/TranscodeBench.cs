using System.Diagnostics;
using Veil.Bench.Measuring;
using Veil.Media.Demux;
using Veil.Media.Pipeline;
using Veil.Vision.Masks;

namespace Veil.Bench.Transcode;

/// <summary>
/// `veil bench`: Veil's full decode → detect → redact → encode of one input beside a bare FFmpeg
/// transcode with the same encoder settings, alternating in each round, so the ratio survives a
/// noisy machine. Both write to the null muxer: the figures are the media path's, not the disk's.
/// Models load before the clock starts (a server loads them once).
/// </summary>
internal sealed class TranscodeBench(IBenchJob job, int runs, bool realtime = false)
{
    /// <summary>Used when no mask is given (the CLI adds it to the job): a centred rectangle over 16 % of the frame.</summary>
    public static PrivacyMask DefaultMask { get; } = MaskParser.ParseRectangle("0.3,0.3,0.4,0.4", "bench default");

    public async Task<TranscodeBenchReport> RunAsync(TextWriter? log, CancellationToken ct)
    {
        MediaStreamInfo video;
        using (var probe = MediaInput.Open(job.Input)) video = probe.BestVideo!;
        double fps = video.FrameRate.ToDouble();

        var rounds = new List<(RunMeasure Ffmpeg, RunMeasure Veil, IReadOnlyDictionary<string, (double Ms, long Runs, long Pixels)> Models)>();
        for (int i = 1; i <= runs; i++)
        {
            var ff = await FfmpegBaseline.RunAsync(job.Input, job.Encoder, fps, ct);
            var (veil, models) = await RunVeilAsync(ct);
            log?.WriteLine($"round {i}/{runs}: ffmpeg {ff.Fps:0.#} fps, veil {veil.Fps:0.#} fps");
            rounds.Add((ff, veil, models));
        }
        var median = rounds.OrderBy(r => r.Veil.Fps / r.Ffmpeg.Fps).ElementAt(rounds.Count / 2);
        string what = job.Classes.Count > 0 ? string.Join(",", job.Classes.Select(c => c.ToString().ToLowerInvariant())) + $" (models {_precisions})" : "masks only";
        return new TranscodeBenchReport(job.Input, $"{video.Width}x{video.Height} {video.CodecName} @ {fps:0.##} fps",
            string.Join(" ", job.Encoder.ToFfmpegArgs(fps)), what, job.Masks, runs, median.Ffmpeg, median.Veil, median.Models);
    }

    private string? _precisions; // which file of each model ran, from the last round

    private async Task<(RunMeasure, IReadOnlyDictionary<string, (double Ms, long Runs, long Pixels)>)> RunVeilAsync(CancellationToken ct)
    {
        await using var stage = await job.CreateStageAsync();
        GC.Collect();
        ProcessUsage.ResetPeakRss();
        double cpu0 = ProcessUsage.CpuSeconds();
        var allocation = new SteadyAllocation();
        var clock = Stopwatch.StartNew();
        var request = new TranscodeRequest(job.Input, ["-"]) { Encoder = job.Encoder, OutputFormat = "null", Realtime = realtime };
        using var pipeline = TranscodePipeline.Create(request, stage.Processor);
        var result = await pipeline.RunAsync(allocation.Sample, ct);
        clock.Stop();
        var measure = new RunMeasure("veil", result.FramesEncoded, clock.Elapsed.TotalSeconds,
            ProcessUsage.CpuSeconds() - cpu0, ProcessUsage.PeakRssMiB())
        {
            LatencyMs = (result.LatencyP50Ms, result.LatencyP95Ms, result.LatencyP99Ms),
            SettledLatencyMs = pipeline.SettledLatency is { Count: > 0 } settled ? (settled.PercentileMs(0.5), settled.PercentileMs(0.95), settled.PercentileMs(0.99)) : null,
            AllocatedBytesPerFrame = allocation.BytesPerFrame,
        };
        _precisions = stage.Precisions;
        return (measure, stage.ModelTimes);
    }
}

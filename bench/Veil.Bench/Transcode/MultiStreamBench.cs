using System.Diagnostics;
using Spectre.Console;
using Veil.Bench.Measuring;
using Veil.Media.Demux;
using Veil.Media.Pipeline;

namespace Veil.Bench.Transcode;

/// <summary>
/// `veil bench INPUT --streams N`: N live streams at once, each the input looped and read at its
/// own frame rate as a camera sends it, anonymized with one set of models shared by all (as
/// `veil serve` runs them); beside N bare FFmpeg transcodes of the same input, also at real time,
/// in the same run. A stream keeps up when it encodes 97 % of the frames the source sent in the time
/// and its p95 latency stays under a second (a stream that falls behind gathers lag without end).
/// </summary>
internal sealed class MultiStreamBench(IBenchJob job, int streams, TimeSpan duration)
{
    public sealed record StreamResult(int Index, long Frames, double Fps, (double P50, double P95, double P99) LatencyMs, long Obscured);

    public async Task<int> RunAsync(bool json, CancellationToken ct)
    {
        MediaStreamInfo video;
        using (var probe = MediaInput.Open(job.Input)) video = probe.BestVideo!;
        double fps = video.FrameRate.ToDouble();

        var ffmpeg = await Task.WhenAll(Enumerable.Range(0, streams).Select(_ => FfmpegBaseline.RunAsync(job.Input, job.Encoder, fps, ct, duration)));

        using var models = job.LoadModels();
        GC.Collect();
        ProcessUsage.ResetPeakRss();
        double cpu0 = ProcessUsage.CpuSeconds();
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(1, streams).Select(i => RunStreamAsync(i, models, ct)));
        double wall = clock.Elapsed.TotalSeconds, cpu = ProcessUsage.CpuSeconds() - cpu0, rss = ProcessUsage.PeakRssMiB();
        long expected = (long)(duration.TotalSeconds * fps);
        int keepingUp = results.Count(r => r.Frames >= 0.97 * expected && r.LatencyMs.P95 < 1000);

        if (json)
        {
            Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
            {
                input = job.Input, video = $"{video.Width}x{video.Height} @ {fps:0.##} fps", streams, seconds = duration.TotalSeconds,
                keeping_up = keepingUp,
                veil = new { cpu_s = Math.Round(cpu, 2), cores = Math.Round(cpu / wall, 2), peak_rss_mib = Math.Round(rss),
                    streams = results.Select(r => new { r.Index, r.Frames, fps = Math.Round(r.Fps, 1), p50 = Math.Round(r.LatencyMs.P50), p95 = Math.Round(r.LatencyMs.P95), p99 = Math.Round(r.LatencyMs.P99), obscured = r.Obscured }) },
                ffmpeg = new { cpu_s = Math.Round(ffmpeg.Sum(f => f.CpuSeconds), 2), cores = Math.Round(ffmpeg.Sum(f => f.CpuSeconds) / ffmpeg.Max(f => f.WallSeconds), 2),
                    peak_rss_mib_each = Math.Round(ffmpeg.Max(f => f.PeakRssMiB)), fps = ffmpeg.Select(f => Math.Round(f.Fps, 1)) },
            }));
            return keepingUp == streams ? 0 : 3;
        }
        AnsiConsole.MarkupLine($"[bold]veil bench --streams {streams}[/] {Markup.Escape(job.Input)}: {video.Width}x{video.Height} @ {fps:0.##} fps, {duration.TotalSeconds:0} s each, read in real time");
        var table = new Table().AddColumns("stream", "frames", "fps", "latency p50/p95/p99 ms", "obscured");
        foreach (var r in results) table.AddRow($"veil {r.Index}", r.Frames.ToString(), $"{r.Fps:0.0}", $"{r.LatencyMs.P50:0}/{r.LatencyMs.P95:0}/{r.LatencyMs.P99:0}", r.Obscured.ToString());
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"veil: {keepingUp} of {streams} stream(s) keep up; CPU {cpu:0.0} s = {cpu / wall:0.00} cores, peak RSS {rss:0} MiB (one process)");
        AnsiConsole.MarkupLine($"bare ffmpeg x{streams}: CPU {ffmpeg.Sum(f => f.CpuSeconds):0.0} s = {ffmpeg.Sum(f => f.CpuSeconds) / ffmpeg.Max(f => f.WallSeconds):0.00} cores, peak RSS {ffmpeg.Max(f => f.PeakRssMiB):0} MiB each, fps {string.Join(" / ", ffmpeg.Select(f => $"{f.Fps:0.0}"))}");
        return keepingUp == streams ? 0 : 3;
    }

    private async Task<StreamResult> RunStreamAsync(int index, ISharedModels models, CancellationToken ct)
    {
        await using var stage = models.CreateStage();
        var request = new TranscodeRequest(job.Input, ["-"])
        {
            Encoder = job.Encoder, OutputFormat = "null", Realtime = true, MaxDuration = duration,
            InputOptions = new InputOptions { Loop = true },
        };
        using var pipeline = TranscodePipeline.Create(request, stage.Processor);
        var clock = Stopwatch.StartNew();
        var result = await pipeline.RunAsync(ct: ct);
        return new StreamResult(index, result.FramesEncoded, result.FramesEncoded / clock.Elapsed.TotalSeconds,
            (result.LatencyP50Ms, result.LatencyP95Ms, result.LatencyP99Ms), stage.ObscuredFrames);
    }
}

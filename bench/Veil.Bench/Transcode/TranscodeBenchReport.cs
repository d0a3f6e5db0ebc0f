using System.Text.Json;
using Spectre.Console;
using Veil.Bench.Measuring;
using Veil.Media.Pipeline;

namespace Veil.Bench.Transcode;

/// <summary>The figures of one `veil bench`, as a table for people and JSON for machines.</summary>
internal sealed record TranscodeBenchReport(string Input, string Video, string EncoderArgs, string Redacting, int Masks, int Rounds,
    RunMeasure Ffmpeg, RunMeasure Veil, IReadOnlyDictionary<string, (double Ms, long Runs, long Pixels)> ModelTimes)
{
    public double FpsRatio => Ffmpeg.Fps > 0 ? Veil.Fps / Ffmpeg.Fps : 0;
    public double CpuRatio => Ffmpeg.CpuSeconds > 0 ? Veil.CpuSeconds / Ffmpeg.CpuSeconds : 0;

    public string ToJson() => JsonSerializer.Serialize(new
    {
        input = Input,
        video = Video,
        encoder = EncoderArgs,
        redacting = Redacting,
        masks = Masks,
        detection = ModelTimes.ToDictionary(kv => kv.Key, kv => new
        {
            ms_per_run = Math.Round(kv.Value.Ms, 2),
            runs = kv.Value.Runs,
            ms_per_frame = Math.Round(kv.Value.Ms * kv.Value.Runs / Math.Max(1, Veil.Frames), 2),
            kilopixels_per_frame = Math.Round(kv.Value.Pixels / 1000.0 / Math.Max(1, Veil.Frames), 1),
        }),
        rounds = Rounds,
        ffmpeg = Row(Ffmpeg),
        veil = Row(Veil),
        fps_ratio = Math.Round(FpsRatio, 3),
        cpu_ratio = Math.Round(CpuRatio, 3),
    }, new JsonSerializerOptions { WriteIndented = true });

    private static object Row(RunMeasure m) => new
    {
        frames = m.Frames,
        fps = Math.Round(m.Fps, 1),
        wall_s = Math.Round(m.WallSeconds, 3),
        cpu_s = Math.Round(m.CpuSeconds, 3),
        cpu_ms_per_frame = Math.Round(m.CpuMsPerFrame, 2),
        peak_rss_mib = Math.Round(m.PeakRssMiB, 1),
        allocated_bytes_per_frame = m.AllocatedBytesPerFrame is { } a ? Math.Round(a) : (double?)null,
        latency_ms = Percentiles(m.LatencyMs),
        settled_latency_ms = Percentiles(m.SettledLatencyMs),
    };

    private static object? Percentiles((double P50, double P95, double P99)? ms) =>
        ms is { } l ? new { p50 = Math.Round(l.P50, 1), p95 = Math.Round(l.P95, 1), p99 = Math.Round(l.P99, 1) } : null;

    private string Kilo(long pixels) => $"{pixels / 1000.0 / Math.Max(1, Veil.Frames):0}k";

    public void PrintTable()
    {
        AnsiConsole.MarkupLine($"[bold]veil bench[/] {Markup.Escape(Input)}: {Markup.Escape(Video)}, redacting {Markup.Escape(Redacting)}, {Masks} mask(s), median of {Rounds} round(s)");
        AnsiConsole.MarkupLine($"encoder: {Markup.Escape(EncoderArgs)}");
        var table = new Table().AddColumns("run", "frames", "fps", "wall s", "CPU s", "CPU ms/frame", "peak RSS MiB", "latency p50/p95/p99 ms");
        foreach (var m in new[] { Ffmpeg, Veil })
            table.AddRow(m.Tool, m.Frames.ToString(), $"{m.Fps:0.0}", $"{m.WallSeconds:0.00}", $"{m.CpuSeconds:0.00}",
                $"{m.CpuMsPerFrame:0.00}", $"{m.PeakRssMiB:0}", m.LatencyMs is { } l ? $"{l.P50:0}/{l.P95:0}/{l.P99:0}" : "-");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"veil / ffmpeg: fps [bold]{FpsRatio:0.00}x[/], CPU {CpuRatio:0.00}x");
        if (Veil.SettledLatencyMs is { } settled)
            AnsiConsole.MarkupLine($"veil latency settled (frames from {TranscodePipeline.Opening.TotalSeconds:0} s after the first packet, past the first full passes): p50/p95/p99 {settled.P50:0}/{settled.P95:0}/{settled.P99:0} ms");
        if (Veil.AllocatedBytesPerFrame is { } bytes) AnsiConsole.MarkupLine($"veil managed allocation, steady state (after 50 frames, whole process): {bytes:0} bytes per frame");
        if (ModelTimes.Count > 0)
        {
            // "face/changes" and the like are parts of a model's reading (no runs of their own): shown with it.
            var models = ModelTimes.Where(kv => !kv.Key.Contains('/')).OrderBy(kv => kv.Key);
            AnsiConsole.MarkupLine("detection: " + string.Join(", ", models.Select(kv =>
                $"{kv.Key} {kv.Value.Ms:0.0} ms x {kv.Value.Runs} runs = {kv.Value.Ms * kv.Value.Runs / Math.Max(1, Veil.Frames):0.0} ms/frame")));
            AnsiConsole.MarkupLine("pixels read per frame: " + string.Join(", ", models.Where(kv => kv.Value.Pixels > 0).Select(kv =>
            {
                var parts = ModelTimes.Where(p => p.Key.StartsWith(kv.Key + "/", StringComparison.Ordinal)).OrderBy(p => p.Key)
                    .Select(p => $"{p.Key[(kv.Key.Length + 1)..]} {Kilo(p.Value.Pixels)}").ToList();
                return $"{kv.Key} {Kilo(kv.Value.Pixels)}" + (parts.Count > 0 ? $" ({string.Join(", ", parts)})" : "");
            })));
        }
    }
}

using System.Diagnostics;
using Veil.Media.Codecs;
using Veil.Media.Demux;
using Veil.Media.Pipeline;
using Veil.Vision.Masks;
using Veil.Vision.Redaction;

namespace Veil.Server.Bench;

/// <summary>
/// `veil bench`: Veil's full decode → redact → encode of one input beside a bare FFmpeg transcode
/// with the same encoder settings, alternating in each round, so the ratio survives a noisy machine.
/// Both write to the null muxer: the figures are the media path's, not the disk's.
/// </summary>
internal sealed class TranscodeBench(string input, IReadOnlyList<PrivacyMask> masks, RedactionOptions redaction, EncoderSettings encoder, int runs)
{
    /// <summary>Used when no mask is given: a centred rectangle over 16 % of the frame.</summary>
    public static PrivacyMask DefaultMask { get; } = MaskParser.ParseRectangle("0.3,0.3,0.4,0.4", "bench default");

    public async Task<BenchReport> RunAsync(TextWriter? log, CancellationToken ct)
    {
        var usedMasks = masks.Count > 0 ? masks : [DefaultMask];
        MediaStreamInfo video;
        using (var probe = MediaInput.Open(input)) video = probe.BestVideo!;
        double fps = video.FrameRate.ToDouble();

        var rounds = new List<(RunMeasure Ffmpeg, RunMeasure Veil)>();
        for (int i = 1; i <= runs; i++)
        {
            var ff = await FfmpegBaseline.RunAsync(input, encoder, fps, ct);
            var veil = await RunVeilAsync(usedMasks, ct);
            log?.WriteLine($"round {i}/{runs}: ffmpeg {ff.Fps:0.#} fps, veil {veil.Fps:0.#} fps");
            rounds.Add((ff, veil));
        }
        var median = rounds.OrderBy(r => r.Veil.Fps / r.Ffmpeg.Fps).ElementAt(rounds.Count / 2);
        return new BenchReport(input, $"{video.Width}x{video.Height} {video.CodecName} @ {fps:0.##} fps",
            string.Join(" ", encoder.ToFfmpegArgs(fps)), usedMasks.Count, runs, median.Ffmpeg, median.Veil);
    }

    private async Task<RunMeasure> RunVeilAsync(IReadOnlyList<PrivacyMask> usedMasks, CancellationToken ct)
    {
        GC.Collect();
        ProcessUsage.ResetPeakRss();
        double cpu0 = ProcessUsage.CpuSeconds();
        var clock = Stopwatch.StartNew();
        using var processor = new StaticMaskProcessor(usedMasks, redaction);
        var request = new TranscodeRequest(input, ["-"]) { Encoder = encoder, OutputFormat = "null" };
        using var pipeline = TranscodePipeline.Create(request, processor);
        var result = await pipeline.RunAsync(ct: ct);
        clock.Stop();
        return new RunMeasure("veil", result.FramesEncoded, clock.Elapsed.TotalSeconds,
            ProcessUsage.CpuSeconds() - cpu0, ProcessUsage.PeakRssMiB());
    }
}

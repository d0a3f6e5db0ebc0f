using Veil.Media.Codecs;
using Veil.Media.Pipeline;
using Veil.Server.Cli;
using Veil.Vision.Masks;
using Veil.Vision.Redaction;

namespace Veil.Server.Anonymize;

/// <summary>
/// One `veil anonymize` run: images go through <see cref="ImageAnonymizer"/>, everything else
/// through the FFmpeg pipeline. A failed run removes the partial output files it wrote, so no
/// half-written file is mistaken for a finished one.
/// </summary>
internal sealed class AnonymizeJob(
    string input,
    IReadOnlyList<string> outputs,
    IReadOnlyList<PrivacyMask> masks,
    RedactionOptions redaction,
    EncoderSettings encoder,
    bool noAudio,
    bool? realtime,
    TimeSpan? maxDuration)
{
    public async Task<int> RunAsync(ProgressDisplay? display, CancellationToken ct)
    {
        if (ImageAnonymizer.IsImage(input))
        {
            var size = ImageAnonymizer.Run(input, outputs, masks, redaction);
            Console.WriteLine($"veil: wrote {string.Join(", ", outputs)} ({size.Width}x{size.Height}, {masks.Count} mask(s))");
            return 0;
        }
        var started = DateTime.UtcNow.AddSeconds(-1);
        try
        {
            using var processor = new StaticMaskProcessor(masks, redaction);
            var request = new TranscodeRequest(input, outputs) { Encoder = encoder, NoAudio = noAudio, Realtime = realtime, MaxDuration = maxDuration };
            using var pipeline = TranscodePipeline.Create(request, processor);
            processor.RegionsFor(pipeline.Video.Width, pipeline.Video.Height); // a bad mask fails before the first frame
            display?.Start(pipeline.Duration, pipeline.Video.FrameCount);
            TranscodeResult result;
            try
            {
                result = await pipeline.RunAsync(display is null ? null : display.Update, ct);
            }
            finally
            {
                display?.Stop();
            }
            Console.WriteLine($"veil: wrote {string.Join(", ", outputs)}: {result.FramesEncoded} frames {result.Width}x{result.Height}, " +
                $"audio {AudioText(result.Audio)}, {masks.Count} mask(s), {result.Fps:0.#} fps" +
                (result.CorruptPackets > 0 ? $", {result.CorruptPackets} damaged packet(s) skipped" : ""));
            return 0;
        }
        catch
        {
            // Files this run wrote to are incomplete now: remove them rather than leave a half video.
            foreach (var file in outputs.Where(o => !o.Contains("://") && File.Exists(o) && File.GetLastWriteTimeUtc(o) >= started))
                TryDelete(file);
            throw;
        }
    }

    private static string AudioText(AudioMode mode) => mode switch
    {
        AudioMode.Copy => "copied",
        AudioMode.TranscodeToAac => "transcoded to AAC",
        _ => "none",
    };

    private static void TryDelete(string file)
    {
        try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

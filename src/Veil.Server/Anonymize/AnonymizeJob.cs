using Veil.Media.Pipeline;
using Veil.Server.Cli;
using Veil.Server.Violations;

namespace Veil.Server.Anonymize;

/// <summary>
/// One `veil anonymize` run: images go through <see cref="ImageAnonymizer"/>, everything else
/// through the FFmpeg pipeline, both redacted by the same processor. Models load before any
/// output is opened, so a model problem fails at start. A failed run removes the partial output
/// files it wrote, so no half-written file is mistaken for a finished one.
/// </summary>
internal sealed class AnonymizeJob(AnonymizeSettings settings)
{
    public async Task<int> RunAsync(ProgressDisplay? display, CancellationToken ct)
    {
        await using var events = settings.Violations is { } v ? new EventReporter(v, message => Console.Error.WriteLine($"veil: {message}")) : null;
        using var processors = ProcessorFactory.Create(settings, events: events);
        foreach (var rule in processors.RuleStatuses) Console.Error.WriteLine($"veil: violation rule {rule}");
        if (ImageAnonymizer.IsImage(settings.Input))
        {
            var size = ImageAnonymizer.Run(settings.Input, settings.Outputs, processors);
            Console.WriteLine($"veil: wrote {string.Join(", ", settings.Outputs)} ({size.Width}x{size.Height}, {processors.Describe()})");
            return 0;
        }
        var started = DateTime.UtcNow.AddSeconds(-1);
        try
        {
            var request = new TranscodeRequest(settings.Input, settings.Outputs)
            {
                Encoder = settings.Encoder, NoAudio = settings.NoAudio, Realtime = settings.Realtime, MaxDuration = settings.MaxDuration,
                Log = message => Console.Error.WriteLine($"veil: {message}"),
            };
            using var pipeline = TranscodePipeline.Create(request, processors.Processor);
            processors.Validate(pipeline.Video.Width, pipeline.Video.Height); // a bad mask fails before the first frame
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
            Console.WriteLine($"veil: wrote {string.Join(", ", settings.Outputs)}: {result.FramesEncoded} frames {result.Width}x{result.Height}, " +
                $"audio {AudioText(result.Audio)}, {processors.Describe()}, {result.Fps:0.#} fps" +
                (processors.ObscuredFrames > 0
                    ? $", {processors.ObscuredFrames} frame(s) {(processors.DropsFailedFrames ? "dropped" : "obscured whole")} (detection failed)"
                    : "") +
                (result.CorruptPackets > 0 ? $", {result.CorruptPackets} damaged packet(s) skipped" : "") +
                (events is null ? "" : $", {events.Reported} violation event(s)"));
            if (events is not null)
            {
                await events.DrainAsync(TimeSpan.FromSeconds(15));
                if (events.Pending > 0) Console.Error.WriteLine($"veil: {events.Pending} event(s) not delivered yet wait in the outbox for the next run");
            }
            return 0;
        }
        catch
        {
            // Files this run wrote to are incomplete now: remove them rather than leave a half video.
            foreach (var file in settings.Outputs.Where(o => !o.Contains("://") && File.Exists(o) && File.GetLastWriteTimeUtc(o) >= started))
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

using Veil.Media.Pipeline;
using Veil.Server.Cli;
using Veil.Server.OutputFiles;
using Veil.Server.Violations;

namespace Veil.Server.Anonymize;

/// <summary>
/// One `veil anonymize` run: images go through <see cref="ImageAnonymizer"/>, everything else
/// through the FFmpeg pipeline, both redacted by the same processor. Outputs are checked against
/// the inputs before anything is opened, then written under temporary names and renamed over
/// their final names only when the run succeeded (<see cref="StagedOutputs"/>). Models load
/// before the input is opened, so a model problem fails at start.
/// </summary>
internal sealed class AnonymizeJob(AnonymizeSettings settings)
{
    public async Task<int> RunAsync(ProgressDisplay? display, CancellationToken ct)
    {
        bool image = ImageAnonymizer.IsImage(settings.Input);
        if (image) ImageAnonymizer.CheckOutputs(settings.Outputs);
        using var staged = StagedOutputs.Create([settings.Input, settings.CameraFile], [.. settings.Outputs, settings.BoxesOut]);
        var run = settings with
        {
            Outputs = settings.Outputs.Select(staged.PathFor).ToList(),
            BoxesOut = settings.BoxesOut is { } boxes ? staged.PathFor(boxes) : null,
        };
        await using var events = settings.Violations is { } v ? new EventReporter(v, CliLogger.Instance) : null;
        VideoRun? video = null;
        string summary;
        using (var processors = ProcessorFactory.Create(run, log: CliLogger.Instance, events: events))
        {
            foreach (var rule in processors.RuleStatuses) Console.Error.WriteLine($"veil: violation rule {rule}");
            if (processors.KeepZones.Count > 0) Console.Error.WriteLine($"veil: {KeepZoneText.Describe(processors.KeepZones)}");
            if (image)
            {
                var size = ImageAnonymizer.Run(run.Input, run.Outputs, processors);
                summary = $" ({size.Width}x{size.Height}, {processors.Describe()})";
            }
            else
            {
                video = await RunVideoAsync(run, processors, display, ct);
                summary = $": {video.Summary}" + (events is null ? "" : $", {events.Reported} violation event(s)");
            }
        } // every writer (muxers, --boxes-out) is closed here, before the files take their final names
        staged.Commit();
        Console.WriteLine($"veil: wrote {string.Join(", ", settings.Outputs)}{summary}");
        if (video?.Truncation is { } cut)
            Console.Error.WriteLine($"veil: warning: {cut}; the output holds the {video.FramesEncoded} frame(s) before the cut");
        if (events is not null)
        {
            await events.DrainAsync(TimeSpan.FromSeconds(15));
            if (events.Pending > 0) Console.Error.WriteLine($"veil: {events.Pending} event(s) not delivered yet wait in the outbox for the next run");
        }
        return video?.Truncation is null ? 0 : CliFailure.InputTruncated;
    }

    private sealed record VideoRun(string Summary, long FramesEncoded, Media.Demux.InputTruncation? Truncation);

    private static async Task<VideoRun> RunVideoAsync(AnonymizeSettings run, ProcessorFactory processors, ProgressDisplay? display, CancellationToken ct)
    {
        var request = new TranscodeRequest(run.Input, run.Outputs)
        {
            Encoder = run.Encoder, NoAudio = run.NoAudio, Realtime = run.Realtime, MaxDuration = run.MaxDuration,
            Log = CliLogger.Instance,
            ShedLoad = AnonymizeSettings.IsLive(run.Input), // a camera does not wait: behind it, frames are dropped rather than lag grow
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
        string summary = $"{result.FramesEncoded} frames {result.Width}x{result.Height}, audio {AudioText(result.Audio)}, {processors.Describe()}" +
            (run.Classes.Count > 0 ? $", look-ahead {run.LookAhead.TotalMilliseconds:0} ms" : "") + // it depends on the input and outputs
            $", {result.Fps:0.#} fps" +
            (processors.ObscuredFrames > 0
                ? $", {processors.ObscuredFrames} frame(s) {(processors.DropsFailedFrames ? "dropped" : "obscured whole")} (detection failed)"
                : "") +
            (result.CorruptPackets > 0 ? $", {result.CorruptPackets} damaged packet(s) skipped" : "") +
            (result.FramesShed > 0 ? $", {result.FramesShed} frame(s) dropped to keep up with the live input" : "");
        return new VideoRun(summary, result.FramesEncoded, pipeline.Truncation);
    }

    private static string AudioText(AudioMode mode) => mode switch
    {
        AudioMode.Copy => "copied",
        AudioMode.TranscodeToAac => "transcoded to AAC",
        _ => "none",
    };
}

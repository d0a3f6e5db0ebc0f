using System.CommandLine;
using Veil.Server.Anonymize;

namespace Veil.Server.Cli;

/// <summary>`veil anonymize INPUT -o OUTPUT...`: redact a file, stream or image and write it out.</summary>
internal static class AnonymizeCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("INPUT")
        {
            Description = "A video file, an image (jpg/png), or any URL FFmpeg opens: rtsp://, rtmp://, srt://, http(s)://.",
        };
        var output = new Option<string[]>("--output", "-o")
        {
            Description = "Where to write: a file (.mp4 .mkv .flv .ts, or .jpg/.png for an image) or rtmp(s):// URL. Repeat to push to several.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var noAudio = new Option<bool>("--no-audio") { Description = "Drop the audio instead of keeping it." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress output." };
        var duration = new Option<double?>("--duration", "-t")
        {
            Description = "Stop after this many seconds of input (live inputs run until stopped otherwise).",
        }.Seconds();
        var realtime = new Option<bool?>("--realtime")
        {
            Description = "Read the input at its own speed (like ffmpeg -re). Default: on when a file is pushed to rtmp://, off otherwise.",
        };
        var common = new CommonOptions();
        var detection = new DetectionOptionsCli();
        var events = new Option<string?>("--events") { Description = "Run the violation rules (zones and calibration from --camera) and keep their events in this outbox folder." };
        var sidecar = new Option<string?>("--sidecar") { Description = "Deliver the events to this sidecar (http://HOST:PORT), at least once; undelivered ones wait in the outbox." };
        var sidecarToken = new Option<string?>("--sidecar-token") { Description = "The sidecar's ingest token (or VEIL_SIDECAR_INGEST_TOKEN)." };
        var boxesOut = new Option<FileInfo?>("--boxes-out") { Description = "Write each frame's redacted boxes as JSON lines (score.py's format)." };

        var command = new Command("anonymize", "Redact a video, live stream or image and re-encode it (H.264, audio kept). " +
            "Each output is written under a temporary name beside it and renamed when the run succeeds; an output that is the input is refused. " +
            $"Exit codes: 0 done; {CliFailure.InputTruncated} done, but the input was cut short (the output holds the frames before the cut, a warning says how many); " +
            $"{CliFailure.Failed} failed (existing files at the output names are left as they were); {CliFailure.Cancelled} cancelled (likewise).");
        command.Arguments.Add(input);
        command.Options.Add(output);
        common.AddTo(command);
        detection.AddTo(command);
        command.Options.Add(boxesOut);
        command.Options.Add(events);
        command.Options.Add(sidecar);
        command.Options.Add(sidecarToken);
        command.Options.Add(noAudio);
        command.Options.Add(duration);
        command.Options.Add(realtime);
        command.Options.Add(quiet);
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var settings = detection.Settings(parse, common, parse.GetValue(input)!, parse.GetValue(output)!) with
                {
                    BoxesOut = parse.GetValue(boxesOut)?.FullName,
                    NoAudio = parse.GetValue(noAudio),
                    Realtime = parse.GetValue(realtime),
                    MaxDuration = parse.GetValue(duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                    Violations = parse.GetValue(events) is { } folder
                        ? new Violations.ViolationSettings(folder, parse.GetValue(sidecar), parse.GetValue(sidecarToken) ?? Environment.GetEnvironmentVariable("VEIL_SIDECAR_INGEST_TOKEN"))
                        : null,
                };
                if (settings.Violations is not null && settings.Camera is null) throw new ArgumentException("--events needs --camera: the violation rules read the camera's zones and calibration from it");
                if (parse.GetResult(detection.LookAheadMs) is not { Implicit: false } && settings.FileToFile) settings = settings with { LookAhead = AnonymizeSettings.FileLookAhead };
                var job = new AnonymizeJob(settings);
                return await job.RunAsync(parse.GetValue(quiet) ? null : ProgressDisplay.Create(), ct);
            }
            catch (Exception e)
            {
                return CliFailure.Report(e);
            }
        });
        return command;
    }
}

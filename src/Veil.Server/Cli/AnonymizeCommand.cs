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
        };
        var realtime = new Option<bool?>("--realtime")
        {
            Description = "Read the input at its own speed (like ffmpeg -re). Default: on when a file is pushed to rtmp://, off otherwise.",
        };
        var common = new CommonOptions();
        var detection = new DetectionOptionsCli();
        var boxesOut = new Option<FileInfo?>("--boxes-out") { Description = "Write each frame's redacted boxes as JSON lines (score.py's format)." };

        var command = new Command("anonymize", "Redact a video, live stream or image and re-encode it (H.264, audio kept).");
        command.Arguments.Add(input);
        command.Options.Add(output);
        common.AddTo(command);
        detection.AddTo(command);
        command.Options.Add(boxesOut);
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
                };
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

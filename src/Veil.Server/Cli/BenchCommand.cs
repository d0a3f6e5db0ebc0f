using System.CommandLine;
using Veil.Bench.Transcode;
using Veil.Bench.WebRtc;
using Veil.Server.Cli.Bench;

namespace Veil.Server.Cli;

/// <summary>`veil bench INPUT`: Veil's decode+redact+encode beside a bare ffmpeg transcode, same run.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var input = new Argument<string?>("INPUT") { Description = "The video to transcode (file or URL); not with --webrtc.", Arity = ArgumentArity.ZeroOrOne };
        var runs = new Option<int>("--runs")
        {
            Description = "Rounds; each round runs bare FFmpeg and Veil back to back, the median round is reported.",
            DefaultValueFactory = _ => 3,
        }.Between(1, 100);
        var json = new Option<bool>("--json") { Description = "Print the results as JSON for machines." };
        var realtime = new Option<bool>("--realtime")
        {
            Description = "Feed Veil the input at its own frame rate, as a live camera would: latency then shows processing and look-ahead, not a file's queue (fps is capped at the source's).",
        };
        var streams = new Option<int>("--streams")
        {
            Description = "Run this many live streams at once (the input looped, each read in real time, models shared) beside as many bare FFmpeg transcodes; reports whether each keeps up.",
            DefaultValueFactory = _ => 0,
        }.Between(0, 64);
        var seconds = new Option<double>("--seconds") { Description = "How long each of the --streams (or the --webrtc run) runs.", DefaultValueFactory = _ => 20 }.Seconds();
        var webRtc = new Option<bool>("--webrtc")
        {
            Description = "Glass-to-glass latency over WebRTC: headless Chromium publishes a 1280x720 picture carrying a clock over WHIP to `veil serve` (run in this process) and watches the anonymized output over WHEP; reports p50/p95/p99, and the latency inside Veil (whole and settled, without the first 3 s) of that stream and of the same picture pushed over RTMP afterwards by ffmpeg while Chromium sends its picture to itself (the same browser load).",
        };
        var events = new Option<string?>("--events")
        {
            Description = "Run the violation rules too (zones and calibration from --camera), their events kept in this outbox folder: what rules, clips and snapshots cost.",
        };
        var common = new CommonOptions();
        var detection = new DetectionOptionsCli();
        var command = new Command("bench", "Measure Veil's throughput, CPU and memory against bare FFmpeg with the same encoder settings.");
        command.Arguments.Add(input);
        common.AddTo(command);
        detection.AddTo(command);
        command.Options.Add(runs);
        command.Options.Add(json);
        command.Options.Add(realtime);
        command.Options.Add(streams);
        command.Options.Add(seconds);
        command.Options.Add(webRtc);
        command.Options.Add(events);
        command.Subcommands.Add(SidecarBenchCommand.Create());
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                if (parse.GetValue(webRtc))
                    return await new WebRtcLatencyBench(LatencyServe.For(detection.Settings(parse, common, "", ["-"])), TimeSpan.FromSeconds(Math.Max(5, parse.GetValue(seconds)))).RunAsync(parse.GetValue(json), ct);
                if (parse.GetValue(input) is not { } path) throw new ArgumentException("veil bench needs an INPUT video (or --webrtc)");
                var settings = detection.Settings(parse, common, path, ["-"]) with
                {
                    Violations = parse.GetValue(events) is { } folder ? new Violations.ViolationSettings(folder, null, null) : null,
                    Realtime = parse.GetValue(realtime) || parse.GetValue(streams) > 0 ? true : null, // live: the rules may not hold frames up
                };
                if (settings.Violations is not null && settings.Camera is null) throw new ArgumentException("--events needs --camera: the violation rules read the camera's zones and calibration from it");
                if (parse.GetValue(streams) is > 0 and var n)
                    return await new MultiStreamBench(new AnonymizeBenchJob(settings), n, TimeSpan.FromSeconds(Math.Max(2, parse.GetValue(seconds)))).RunAsync(parse.GetValue(json), ct);
                var measured = settings.Masks.Count > 0 ? settings : settings with { Masks = [TranscodeBench.DefaultMask] };
                var bench = new TranscodeBench(new AnonymizeBenchJob(measured), parse.GetValue(runs), parse.GetValue(realtime));
                var report = await bench.RunAsync(parse.GetValue(json) ? null : Console.Error, ct);
                if (parse.GetValue(json)) Console.WriteLine(report.ToJson());
                else report.PrintTable();
                return 0;
            }
            catch (Exception e)
            {
                return CliFailure.Report(e);
            }
        });
        return command;
    }
}

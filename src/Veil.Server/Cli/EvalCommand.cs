using System.CommandLine;
using System.Text.Json;
using Veil.Core.Detections;
using Veil.Server.OutputFiles;
using Veil.Server.VisionSetup;
using Veil.Vision.Eval;

namespace Veil.Server.Cli;

/// <summary>`veil eval LABELS.csv`: leak rate and over-redaction on a labelled image set, as score.py defines them.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var labels = new Argument<FileInfo?>("LABELS") { Description = "labels.csv (image,x,y,w,h,class) of a labelled image set.", Arity = ArgumentArity.ZeroOrOne };
        var video = new Option<string?>("--video") { Description = "Instead of labels: measure flicker on a clip (share of each object's life it was not redacted) for raw detections, tracking, and tracking + look-ahead." };
        var lookAhead = new Option<int>("--look-ahead-ms") { Description = "Look-ahead delay for the flicker measurement (as anonymize and serve).", DefaultValueFactory = _ => (int)Anonymize.AnonymizeSettings.DefaultLookAhead.TotalMilliseconds }
            .Between(0, DetectionOptionsCli.MaxLookAheadMs);
        var duration = new Option<double?>("--duration") { Description = "Only the first seconds of the --video clip." }.Seconds();
        var cadence = new Option<string>("--cadence") { Description = "The cadence the --video measurement replays beside every-frame detection (as anonymize's --cadence).", DefaultValueFactory = _ => "live" };
        var root = new Option<DirectoryInfo?>("--root") { Description = "Folder the image paths are relative to (default: the labels file's folder)." };
        var cls = new Option<string?>("--class") { Description = "Only this class: face or plate (default: the classes in the labels)." };
        var json = new Option<bool>("--json") { Description = "Print score.py's JSON summary line only." };
        var boxesOut = new Option<FileInfo?>("--boxes-out") { Description = "Write the redacted boxes, one JSON line per image, in score.py's input format." };
        var detection = new DetectionOptionsCli();
        var command = new Command("eval", "Measure privacy on a labelled image set: leak rate (objects under 70 % covered) and over-redaction, as ../shared/eval/score.py.");
        command.Arguments.Add(labels);
        command.Options.Add(root);
        command.Options.Add(cls);
        command.Options.Add(json);
        command.Options.Add(boxesOut);
        command.Options.Add(video);
        command.Options.Add(lookAhead);
        command.Options.Add(duration);
        command.Options.Add(cadence);
        detection.AddTo(command, classesOption: false);
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var device = detection.ParseDevice(parse);
                if (parse.GetValue(video) is { } clip)
                    return await FlickerAsync(clip, parse, detection, device, DetectionOptionsCli.ParseCadence(parse.GetValue(cadence)!), TimeSpan.FromMilliseconds(parse.GetValue(lookAhead)),
                        parse.GetValue(duration) is { } d ? TimeSpan.FromSeconds(d) : null, parse.GetValue(json), ct);
                var file = parse.GetValue(labels) ?? throw new ArgumentException("give LABELS.csv, or --video CLIP");
                string? boxesFile = parse.GetValue(boxesOut)?.FullName;
                using var staged = StagedOutputs.Create([file.FullName], [boxesFile]);
                string? only = parse.GetValue(cls);
                var set = LabelSet.Read(file.FullName, only);
                string dir = parse.GetValue(root)?.FullName ?? file.DirectoryName!;
                var classes = ClassesOf(set, only);
                using var loaded = DetectionSetup.Load(detection.Options(parse, video: false) with { Classes = classes }, device, detection.ParsePrecision(parse));
                var runner = new EvalRunner(loaded.CreateDetector(), classes);
                var results = new Dictionary<string, RedactedImage>();
                var progress = ProgressDisplay.Create("images");
                progress.Start(TimeSpan.FromSeconds(set.Images.Count), set.Images.Count);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                int done = 0;
                foreach (var image in set.Images.Keys)
                {
                    ct.ThrowIfCancellationRequested();
                    results[image] = runner.Run(Path.Combine(dir, image), image);
                    // Counted as frames of a clip one image a second long each: the fraction and ETA follow.
                    progress.Update(new Media.Pipeline.TranscodeProgress(++done, TimeSpan.FromSeconds(done), TimeSpan.FromSeconds(set.Images.Count), clock.Elapsed));
                }
                progress.Stop();
                if (boxesFile is not null)
                {
                    await BoxesJson.WriteAsync(staged.PathFor(boxesFile), set.Images.Keys.Select(k => results[k]), ct);
                    staged.Commit();
                }
                var score = PrivacyScorer.Score(set, results, k => (results[k].Width, results[k].Height));
                string line = JsonSerializer.Serialize(score);
                if (parse.GetValue(json)) Console.WriteLine(line);
                else
                {
                    Console.WriteLine($"{file.Name}: {score.Objects} objects (≥16 px) in {score.Images} images, {string.Join(",", classes.Select(c => c.Name()))}; models {loaded.Precisions}");
                    Console.WriteLine($"leak rate {score.LeakRate:P2} ({score.Objects - score.Covered} leaked), over-redaction {score.OverRedactionMean:P2} of the image, {clock.Elapsed.TotalSeconds / Math.Max(1, done) * 1000:0} ms/image");
                    Console.WriteLine(line);
                }
                return score.Objects == 0 ? 2 : 0;
            }
            catch (Exception e)
            {
                return CliFailure.Report(e);
            }
        });
        return command;
    }

    private static async Task<int> FlickerAsync(string clip, ParseResult parse, DetectionOptionsCli detection, Vision.Inference.InferenceDevice device,
        Vision.Detectors.DetectionCadence cadence, TimeSpan lookAhead, TimeSpan? duration, bool json, CancellationToken ct)
    {
        var classes = new HashSet<ObjectClass> { ObjectClass.Face, ObjectClass.Plate };
        var results = await Anonymize.FlickerRun.RunAsync(clip, classes, detection.Options(parse, video: true), device, detection.ParsePrecision(parse), cadence, lookAhead, duration, ct);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(results.Select(r => new { config = r.Config, tracks = r.Tracks, life_frames = r.LifeFrames, unredacted_frames = r.UnredactedFrames, flicker = Math.Round(r.Flicker, 4) })));
            return 0;
        }
        Console.WriteLine($"{clip}: flicker (share of each object's life frames with under 70 % of its box redacted), faces and plates");
        foreach (var r in results)
            Console.WriteLine($"  {r.Config,-48} {r.Flicker,8:P2}  ({r.UnredactedFrames} of {r.LifeFrames} frames, {r.Tracks} objects)");
        return 0;
    }

    private static HashSet<ObjectClass> ClassesOf(LabelSet set, string? only)
    {
        var names = only is not null ? [only] : set.Images.Values.SelectMany(b => b).Select(b => b.Class).Distinct();
        var classes = new HashSet<ObjectClass>();
        foreach (var n in names)
            classes.Add(ObjectClassNames.TryParse(n, out var c) && c is ObjectClass.Face or ObjectClass.Plate or ObjectClass.Person
                ? c : throw new ArgumentException($"class '{n}': veil eval measures face, plate or person"));
        return classes;
    }
}

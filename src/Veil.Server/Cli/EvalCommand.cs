using System.CommandLine;
using System.Text.Json;
using Veil.Core.Detections;
using Veil.Server.VisionSetup;
using Veil.Vision.Eval;

namespace Veil.Server.Cli;

/// <summary>`veil eval LABELS.csv`: leak rate and over-redaction on a labelled image set, as score.py defines them.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var labels = new Argument<FileInfo>("LABELS") { Description = "labels.csv (image,x,y,w,h,class) of a labelled image set." };
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
        detection.AddTo(command, classesOption: false);
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var file = parse.GetValue(labels)!;
                string? only = parse.GetValue(cls);
                var set = LabelSet.Read(file.FullName, only);
                string dir = parse.GetValue(root)?.FullName ?? file.DirectoryName!;
                var classes = ClassesOf(set, only);
                using var loaded = DetectionSetup.Load(detection.Options(parse) with { Classes = classes }, parse.GetValue(detection.Device));
                var runner = new EvalRunner(loaded.CreateDetector(), classes);
                var results = new Dictionary<string, RedactedImage>();
                var progress = ProgressDisplay.Create();
                progress.Start(null, set.Images.Count);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                int done = 0;
                foreach (var image in set.Images.Keys)
                {
                    ct.ThrowIfCancellationRequested();
                    results[image] = runner.Run(Path.Combine(dir, image), image);
                    progress.Update(new Media.Pipeline.TranscodeProgress(++done, TimeSpan.FromSeconds(done), TimeSpan.FromSeconds(set.Images.Count), clock.Elapsed));
                }
                progress.Stop();
                if (parse.GetValue(boxesOut) is { } outFile) await BoxesJson.WriteAsync(outFile.FullName, set.Images.Keys.Select(k => results[k]), ct);
                var score = PrivacyScorer.Score(set, results, k => (results[k].Width, results[k].Height));
                string line = JsonSerializer.Serialize(score);
                if (parse.GetValue(json)) Console.WriteLine(line);
                else
                {
                    Console.WriteLine($"{file.Name}: {score.Objects} objects (≥16 px) in {score.Images} images, {string.Join(",", classes.Select(c => c.Name()))}");
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

using System.CommandLine;
using Veil.Core.Frames;
using Veil.Core.Pipeline;
using Veil.Media.Pipeline;
using Veil.Server.OutputFiles;
using Veil.Vision.Models;
using Veil.Vision.Quantization;

namespace Veil.Server.Cli;

/// <summary>
/// `veil models calibrate`: measures the activation ranges of the models on the dev sets' pictures
/// and frames of sample clips, through Veil's own detection, and writes models/calibration/NAME.json;
/// with --pin, also derives the int8 files and pins their sha256s in models.json.
/// </summary>
internal static class ModelsCalibrateCommand
{
    // Sample clips whose licences allow any use (../shared/data/videos/README.md); the others are for internal tests only.
    private static readonly string[] DefaultClips =
    [
        "debian_opencv-doc/examples/data/vtest.avi",
        "intel-iot-devkit_sample-videos/car-detection.mp4",
        "intel-iot-devkit_sample-videos/one-by-one-person-detection.mp4",
    ];

    public static Command Create()
    {
        var names = new Argument<string[]>("NAME") { Description = "Models to calibrate (default: all).", Arity = ArgumentArity.ZeroOrMore };
        var images = new Option<DirectoryInfo[]>("--images") { Description = "Folders of pictures (default: ../shared/data/faces-dev/images and plates-dev/images). Repeatable.", Arity = ArgumentArity.ZeroOrMore };
        var every = new Option<int>("--every") { Description = "Use every Nth picture of each folder, in name order.", DefaultValueFactory = _ => 2 }.Between(1, 1000);
        var clips = new Option<FileInfo[]>("--clip") { Description = "Video clips whose frames are used too (default: the freely licensed clips of ../shared/data/videos). Repeatable.", Arity = ArgumentArity.ZeroOrMore };
        var clipStep = new Option<int>("--clip-step") { Description = "Use one clip frame in N.", DefaultValueFactory = _ => 40 }.Between(1, 100_000);
        var clipFrames = new Option<int>("--clip-frames") { Description = "At most this many frames of each clip.", DefaultValueFactory = _ => 12 }.Between(0, 100_000);
        var method = new Option<string>("--method") { Description = "How each tensor's range is chosen: mse (least expected squared quantization error over its histogram), percentile (the central --percentile % of its values) or minmax.", DefaultValueFactory = _ => CalibrationMethods.LeastSquaredError };
        var percentile = new Option<double>("--percentile") { Description = "Share of each tensor's values inside its range, in %.", DefaultValueFactory = _ => 99.999 };
        var keepFloat = new Option<string?>("--keep-float") { Description = "Nodes (by first output name) to leave in float32, comma-separated; 'none' for none (default: as in the current calibration file)." };
        var pin = new Option<bool>("--pin") { Description = "Derive the int8 files, write their sha256s (and the calibrations') into models.json and the files into the cache." };
        var allMethods = new Option<DirectoryInfo?>("--all-methods") { Description = "Also write every method's ranges to DIR/NAME.METHOD.json, to compare them (veil models quantize --calibration, veil eval)." };
        var cache = ModelsCommand.CacheOption();
        var manifestPath = ModelsCommand.ManifestOption();
        var command = new Command("calibrate", "Measure activation ranges for the int8 models on the dev sets and sample clips, through Veil's own detection, and write models/calibration/NAME.json.");
        command.Arguments.Add(names);
        foreach (var o in new Option[] { images, every, clips, clipStep, clipFrames, method, percentile, keepFloat, pin, allMethods, cache, manifestPath }) command.Options.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var manifest = ModelsCommand.LoadManifest(parse.GetValue(manifestPath));
                var store = ModelStore.For(manifest, parse.GetValue(cache));
                var wanted = parse.GetValue(names) is { Length: > 0 } n ? n.Select(manifest.Get).Distinct().ToArray() : manifest.Models.ToArray();
                string modelsDir = Path.GetDirectoryName(manifest.Path)!;
                string data = Path.GetFullPath(Path.Combine(modelsDir, "..", "..", "shared", "data"));
                var folders = parse.GetValue(images) is { Length: > 0 } i ? i.Select(d => d.FullName).ToArray()
                    : [Path.Combine(data, "faces-dev", "images"), Path.Combine(data, "plates-dev", "images")];
                var videos = parse.GetValue(clips) is { Length: > 0 } c ? c.Select(f => f.FullName).ToArray()
                    : DefaultClips.Select(v => Path.Combine(data, "videos", v)).Where(File.Exists).ToArray();
                string chosen = parse.GetValue(method)!;
                if (!CalibrationMethods.All.Contains(chosen)) throw new ArgumentException($"--method \"{chosen}\": expected {string.Join(", ", CalibrationMethods.All)}");
                double central = parse.GetValue(percentile) is > 50 and <= 100 and var p ? p : throw new ArgumentException("--percentile must be above 50 and at most 100");
                var compare = parse.GetValue(allMethods);

                var keep = wanted.ToDictionary(s => s.Name, s => KeepFloat(parse.GetValue(keepFloat), CalibrationFileOf(modelsDir, s)));
                var pictures = folders.SelectMany(f => Directory.GetFiles(f).Where(IsPicture).Order(StringComparer.Ordinal).Where((_, k) => k % parse.GetValue(every) == 0)
                    .Select(p => (Folder: f, Path: p))).ToArray();
                var sources = folders.Select(f => $"{Describe(f)}: {pictures.Count(p => p.Folder == f)} pictures (every {parse.GetValue(every)})")
                    .Concat(videos.Select(v => $"{Path.GetFileName(v)}: up to {parse.GetValue(clipFrames)} frames, one in {parse.GetValue(clipStep)}")).ToArray();

                using var session = CalibrationSession.Start(manifest, store, keep);
                int passes = CalibrationMethods.NeedsHistograms(chosen) || compare is not null ? 2 : 1;
                for (int pass = 1; pass <= passes; pass++)
                {
                    if (pass == 2) session.StartHistogramPass();
                    int done = 0;
                    foreach (var picture in pictures)
                    {
                        ct.ThrowIfCancellationRequested();
                        session.ObserveImage(picture.Path);
                        if (++done % 50 == 0) Console.Error.WriteLine($"calibrate: pass {pass}/{passes}, {done} of {pictures.Length} pictures");
                    }
                    foreach (var video in videos)
                    {
                        var sampler = new FrameSampler(session, parse.GetValue(clipStep), parse.GetValue(clipFrames));
                        var request = new TranscodeRequest(video, ["-"]) { OutputFormat = "null", NoAudio = true };
                        using (var pipeline = TranscodePipeline.Create(request, sampler)) await pipeline.RunAsync(ct: ct);
                        Console.Error.WriteLine($"calibrate: pass {pass}/{passes}, {sampler.Taken} frames of {Path.GetFileName(video)}");
                    }
                }

                if (compare is not null)
                {
                    compare.Create();
                    foreach (var m in CalibrationMethods.All)
                    foreach (var result in session.Results(m, central, sources))
                        await WriteStagedAsync(Path.Combine(compare.FullName, $"{result.Model}.{m}.json"), result.ToJsonBytes(), ct);
                    Console.WriteLine($"every method's calibration: {compare.FullName}");
                }
                foreach (var measured in session.Results(chosen, central, sources))
                {
                    var spec = manifest.Get(measured.Model);
                    string relative = spec.Int8?.Calibration ?? $"calibration/{spec.Name}.json";
                    string path = Path.Combine(modelsDir, relative);
                    var result = measured with { WeightBits = CurrentWeightBits(path) };
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    await WriteStagedAsync(path, result.ToJsonBytes(), ct);
                    Console.WriteLine($"{spec.Name}: {path} ({result.Ranges.Count} tensor ranges over {result.Runs} runs, {result.Method})");
                    var pins = Int8Pins.Compute(store, spec, relative, spec.Int8?.Default ?? false);
                    Console.WriteLine(Int8Pins.Describe(spec.Name, pins));
                    if (parse.GetValue(pin))
                    {
                        Console.WriteLine(Int8Pins.PinAndDerive(manifest.Path, parse.GetValue(cache), spec.Name, pins));
                        Console.WriteLine($"{spec.Name}: pinned in {manifest.Path}");
                    }
                }
                if (!parse.GetValue(pin)) Console.WriteLine("pin these in models.json (or run again with --pin), then: veil models quantize");
                return 0;
            }
            catch (Exception e)
            {
                return CliFailure.Report(e);
            }
        });
        return command;
    }

    /// <summary>Writes a calibration file under a temporary name and renames it: a run cut short leaves the old file whole.</summary>
    private static async Task WriteStagedAsync(string path, byte[] bytes, CancellationToken ct)
    {
        using var staged = StagedOutputs.Create([], [path]);
        await File.WriteAllBytesAsync(staged.PathFor(path), bytes, ct);
        staged.Commit();
    }

    private static bool IsPicture(string path) => Path.GetExtension(path).ToLowerInvariant() is ".jpg" or ".jpeg" or ".png" or ".bmp";

    private static string Describe(string folder) => $"{Path.GetFileName(Path.GetDirectoryName(folder))}/{Path.GetFileName(folder)}";

    private static string CalibrationFileOf(string modelsDir, ModelSpec spec) => Path.Combine(modelsDir, spec.Int8?.Calibration ?? $"calibration/{spec.Name}.json");

    // A new calibration keeps the weight bits the model's current file chose.
    private static int CurrentWeightBits(string currentFile)
        => File.Exists(currentFile) ? CalibrationFile.Parse(File.ReadAllBytes(currentFile), currentFile).WeightBits : 8;

    // The nodes kept float: as asked, else as the model's current calibration file has them.
    private static IReadOnlyList<string> KeepFloat(string? asked, string currentFile)
    {
        if (asked is not null)
            return asked.Trim() == "none" ? [] : asked.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return File.Exists(currentFile) ? CalibrationFile.Parse(File.ReadAllBytes(currentFile), currentFile).KeepFloat : [];
    }

    /// <summary>Feeds one decoded frame in <c>step</c> to the calibration, at most <c>max</c>.</summary>
    private sealed class FrameSampler(CalibrationSession session, int step, int max) : IFrameProcessor
    {
        public int Taken { get; private set; }

        public void Process(VideoFrame frame)
        {
            if (frame.Sequence % step != 0 || Taken >= max) return;
            session.Observe(frame.Planes);
            Taken++;
        }
    }
}

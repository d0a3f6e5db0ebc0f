using System.CommandLine;
using Veil.Core.Detections;
using Veil.Vision.Detectors;
using Veil.Vision.Inference;
using Veil.Vision.Models;
using Veil.Vision.Redaction;

namespace Veil.Server.Cli;

/// <summary>Options of the commands that detect (anonymize, eval, bench).</summary>
internal sealed class DetectionOptionsCli
{
    public Option<string> Classes { get; } = new("--classes")
    {
        Description = "What to find and redact, comma-separated: face, plate, person; 'none' for static masks only.",
        DefaultValueFactory = _ => "face,plate",
    };

    public Option<InferenceDevice> Device { get; } = new("--device")
    {
        Description = "Where the models run: cpu, or cuda (needs the GPU build, see Dockerfile.gpu; fails rather than falling back).",
        DefaultValueFactory = _ => InferenceDevice.Cpu,
    };

    public Option<string> Precision { get; } = new("--precision")
    {
        Description = "Which file of each model runs: auto (each model's default in models.json: int8 where veil eval showed it keeps the privacy figures), fp32, int8, or per model, e.g. text=int8,face=fp32. CUDA runs float.",
        DefaultValueFactory = _ => "auto",
    };

    public Option<string?> FaceScales { get; } = new("--face-scales")
    {
        Description = "Long sides YuNet runs at, comma-separated (default 320,640,1280: the large pass finds 10-20 px faces).",
    };

    public Option<bool> NoHeads { get; } = new("--no-head-fallback")
    {
        Description = "Redact only detected faces, not also the head region of every detected person.",
    };

    public Option<float?> FaceScore { get; } = new Option<float?>("--face-score")
    {
        Description = "Lowest YuNet score kept as a face (default 0.2 on video, 0.3 on images: recall matters more than precision, and a face missed on video stays readable for seconds).",
    }.Fraction();

    public Option<string[]> ClassStyle { get; } = new("--class-style")
    {
        Description = "A redaction style for one class, CLASS=STYLE (face, plate, person; mosaic, blur, pixelate, fill). Repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private bool _streamOptions;

    public Option<string> Cadence { get; } = new("--cadence")
    {
        Description = "How often each model runs: 'live' (looks where the picture changes: changed regions and tracks read at native resolution by the face model every frame and the text model every 3rd, the whole frame at native resolution a tile at a time within 16 frames for faces and 32 for text, faces at 320 every frame, people and vehicles every 2nd, plates on still vehicles every 4th (moving ones are in the changed regions); a scene cut runs everything; frames above 1280x720 keep the fixed schedule 1,4,2,4,12), 'fast' (the same half as often, for slow machines), 'every-frame' (every whole-frame pass on every frame), or five numbers FACES,LARGE_FACES,OBJECTS,PLATE_CROPS,PLATE_FRAME for a fixed schedule.",
        DefaultValueFactory = _ => "live",
    };

    public Option<bool> NoTracking { get; } = new("--no-tracking")
    {
        Description = "Redact each frame's raw detections only, without trackers carrying boxes across missed frames (measurement only: it flickers).",
    };

    public Option<int> LookAheadMs { get; } = new Option<int>("--look-ahead-ms")
    {
        Description = "Hold frames this long so a face first detected confidently is also redacted in the frames just before (0 turns it off: lower latency, more onset leaks). Default 200, or 400 when anonymize reads a file into files (no viewer waits).",
        DefaultValueFactory = _ => (int)Anonymize.AnonymizeSettings.DefaultLookAhead.TotalMilliseconds,
    }.Between(0, MaxLookAheadMs);

    /// <summary>Frames are held in memory for the look-ahead: 5 s of 1080p60 is already about 900 MB.</summary>
    public const int MaxLookAheadMs = 5000;

    public Option<int> DetectWorkers { get; } = new Option<int>("--detect-workers")
    {
        Description = "Detectors working side by side on consecutive frames, each on its own thread with a share of the cores (default: one per core, at most 4). The output is the same for any number.",
        DefaultValueFactory = _ => Vision.Pipeline.DetectionSchedule.DefaultWorkers,
    }.Between(1, 16);

    public Option<int> DetectorTimeoutMs { get; } = new Option<int>("--detector-timeout-ms")
    {
        Description = "The longest a frame waits for detection; a stalled or failing detector gets frames obscured, never sent raw, until it recovers.",
        DefaultValueFactory = _ => 1000,
    }.Between(1, 600_000);

    public Option<string> OnFailure { get; } = new("--on-detector-failure")
    {
        Description = "What happens to a frame detection failed or stalled on: 'fill' (sent fully obscured, the default) or 'drop' (never sent).",
        DefaultValueFactory = _ => "fill",
    };

    public void AddTo(Command command, bool classesOption = true)
    {
        if (classesOption)
        {
            command.Options.Add(OnFailure);
            command.Options.Add(LookAheadMs);
            command.Options.Add(DetectorTimeoutMs);
            command.Options.Add(DetectWorkers);
        }
        _streamOptions = classesOption;
        if (classesOption)
        {
            command.Options.Add(Cadence);
            command.Options.Add(NoTracking);
        }
        if (classesOption) command.Options.Add(ClassStyle);
        command.Options.Add(FaceScore);
        command.Options.Add(NoHeads);
        if (classesOption) command.Options.Add(Classes);
        command.Options.Add(Device);
        command.Options.Add(Precision);
        command.Options.Add(FaceScales);
    }

    /// <param name="video">Frames of a video or stream rather than still images: a lower default face score, face boxes reaching further down, faces backed by people.</param>
    public DetectorOptions Options(ParseResult parse, bool video)
    {
        var options = new DetectorOptions { HeadFallback = !parse.GetValue(NoHeads), FaceBelow = video ? DetectorOptions.VideoFaceBelow : 0f, FacesBackedByPeople = video };
        if (parse.GetValue(FaceScore) is { } score) options = options with { FaceScore = score };
        else if (video) options = options with { FaceScore = DetectorOptions.VideoFaceScore };
        if (_streamOptions) options = options with { Cadence = ParseCadence(parse.GetValue(Cadence) ?? "live") };
        if (parse.GetValue(FaceScales) is { } scales)
            options = options with { FaceScales = scales.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseScale).ToArray() };
        return options;
    }

    /// <summary>The redaction settings both anonymize and bench take, for one input and its outputs.</summary>
    public Anonymize.AnonymizeSettings Settings(ParseResult parse, CommonOptions common, string input, IReadOnlyList<string> outputs) => new(input, outputs)
    {
        Masks = common.Masks(parse),
        Camera = common.CameraConfig(parse),
        CameraFile = parse.GetValue(common.Camera)?.FullName,
        Redaction = common.Redaction(parse),
        Encoder = common.EncoderSettings(parse),
        Classes = ParseClasses(parse),
        Detector = Options(parse, video: !Anonymize.ImageAnonymizer.IsImage(input)),
        ClassStyles = ClassStyles(parse),
        Tracking = !parse.GetValue(NoTracking),
        Device = ParseDevice(parse),
        Precision = ParsePrecision(parse),
        LookAhead = TimeSpan.FromMilliseconds(parse.GetValue(LookAheadMs)),
        DetectorTimeout = TimeSpan.FromMilliseconds(parse.GetValue(DetectorTimeoutMs)),
        DetectionWorkers = parse.GetValue(DetectWorkers),
        DropFailedFrames = (parse.GetValue(OnFailure) ?? "fill").Trim().ToLowerInvariant() switch
        {
            "fill" => false,
            "drop" => true,
            var other => throw new FormatException($"--on-detector-failure \"{other}\": expected fill or drop"),
        },
    };

    /// <summary>
    /// The policy fields given on the command line (not their defaults): `veil serve` lays them over
    /// Veil:Redaction. Checked with the rest of the configuration.
    /// </summary>
    public Policy.RedactionPolicy GivenPolicy(ParseResult parse, CommonOptions common)
    {
        bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
        return new Policy.RedactionPolicy
        {
            Classes = Given(Classes) ? (parse.GetValue(Classes) ?? "").Trim() is "none" or "" ? [] : [.. parse.GetValue(Classes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : null,
            Style = Given(common.Style) ? parse.GetValue(common.Style).ToString().ToLowerInvariant() : null,
            ClassStyles = Given(ClassStyle) ? ClassStyles(parse).ToDictionary(kv => kv.Key.Name(), kv => kv.Value.ToString().ToLowerInvariant()) : null,
            Cadence = Given(Cadence) ? parse.GetValue(Cadence) : null,
            LookAheadMs = Given(LookAheadMs) ? parse.GetValue(LookAheadMs) : null,
            DetectorTimeoutMs = Given(DetectorTimeoutMs) ? parse.GetValue(DetectorTimeoutMs) : null,
            OnDetectorFailure = Given(OnFailure) ? parse.GetValue(OnFailure) : null,
        };
    }

    /// <summary>
    /// --device; cuda is checked here, before any file is opened or port bound, so a machine or a
    /// build without it fails in one line saying what is missing (never a fall back to the CPU).
    /// </summary>
    public InferenceDevice ParseDevice(ParseResult parse)
    {
        var device = parse.GetValue(Device);
        if (device == InferenceDevice.Cuda) CudaSupport.Require();
        return device;
    }

    public PrecisionChoice ParsePrecision(ParseResult parse) => PrecisionChoice.Parse(parse.GetValue(Precision) ?? "auto");

    public IReadOnlySet<ObjectClass> ParseClasses(ParseResult parse)
    {
        var text = parse.GetValue(Classes) ?? "";
        var set = new HashSet<ObjectClass>();
        if (text.Trim() is "none" or "") return set;
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            set.Add(ObjectClassNames.TryParse(name, out var c) && c is ObjectClass.Face or ObjectClass.Plate or ObjectClass.Person
                ? c : throw new FormatException($"--classes \"{text}\": '{name}' is not one of face, plate, person, none"));
        return set;
    }

    public IReadOnlyDictionary<ObjectClass, RedactionStyle> ClassStyles(ParseResult parse)
    {
        var styles = new Dictionary<ObjectClass, RedactionStyle>();
        foreach (var entry in parse.GetValue(ClassStyle) ?? [])
        {
            var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !ObjectClassNames.TryParse(parts[0], out var c) || c is not (ObjectClass.Face or ObjectClass.Plate or ObjectClass.Person)
                || !Enum.TryParse<RedactionStyle>(parts[1], ignoreCase: true, out var style))
                throw new FormatException($"--class-style \"{entry}\": expected CLASS=STYLE with CLASS face, plate or person and STYLE mosaic, blur, pixelate or fill");
            styles[c] = style;
        }
        return styles;
    }

    public static DetectionCadence ParseCadence(string text)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "live": return DetectionCadence.Live;
            case "fast": return DetectionCadence.Fast;
            case "every-frame": return DetectionCadence.EveryFrame;
        }
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 5 || !parts.All(p => int.TryParse(p, out int v) && v >= 1))
            throw new FormatException($"--cadence \"{text}\": expected live, fast, every-frame or five whole numbers ≥ 1 (FACES,LARGE_FACES,OBJECTS,PLATE_CROPS,PLATE_FRAME)");
        var n = parts.Select(int.Parse).ToArray();
        var cadence = new DetectionCadence(n[0], n[1], n[2], n[3], n[4]);
        try { cadence.Validate(); }
        catch (ArgumentException e) { throw new FormatException("--cadence: " + e.Message); }
        return cadence;
    }

    private static int ParseScale(string s) => int.TryParse(s, out var v) && v is >= 64 and <= 4096
        ? v : throw new FormatException($"--face-scales: '{s}' is not a size between 64 and 4096");
}

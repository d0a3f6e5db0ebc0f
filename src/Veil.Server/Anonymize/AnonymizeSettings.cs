using Veil.Core.Detections;
using Veil.Media.Codecs;
using Veil.Vision.Detectors;
using Veil.Vision.Inference;
using Veil.Vision.Masks;
using Veil.Vision.Models;
using Veil.Vision.Pipeline;
using Veil.Vision.Redaction;

namespace Veil.Server.Anonymize;

/// <summary>Everything one `veil anonymize` run was asked to do.</summary>
internal sealed record AnonymizeSettings(string Input, IReadOnlyList<string> Outputs)
{
    public IReadOnlyList<PrivacyMask> Masks { get; init; } = [];
    public RedactionOptions Redaction { get; init; } = new();
    public EncoderSettings Encoder { get; init; } = new();
    public IReadOnlySet<ObjectClass> Classes { get; init; } = new HashSet<ObjectClass> { ObjectClass.Face, ObjectClass.Plate };
    public DetectorOptions Detector { get; init; } = new();
    public IReadOnlyDictionary<ObjectClass, RedactionStyle> ClassStyles { get; init; } = new Dictionary<ObjectClass, RedactionStyle>();
    public InferenceDevice Device { get; init; }

    /// <summary>fp32 or int8 per model (--precision); the default runs each model's manifest choice.</summary>
    public PrecisionChoice Precision { get; init; } = PrecisionChoice.Default;
    public bool Tracking { get; init; } = true;

    /// <summary>The longest a frame waits for detection before it is obscured instead (fail closed).</summary>
    public TimeSpan DetectorTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Detectors working side by side on consecutive frames.</summary>
    public int DetectionWorkers { get; init; } = DetectionSchedule.DefaultWorkers;

    /// <summary>Frames detection failed on are dropped instead of sent filled.</summary>
    public bool DropFailedFrames { get; init; }

    /// <summary>How long frames are held so later confident detections reach back over them.</summary>
    public TimeSpan LookAhead { get; init; } = DefaultLookAhead;

    /// <summary>
    /// Long enough to hide most faces from the frames before their first confident detection,
    /// short enough that a live 720p stream on 2 cores stays under 250 ms at p95 (README).
    /// </summary>
    public static TimeSpan DefaultLookAhead { get; } = TimeSpan.FromMilliseconds(200);
    public string? BoxesOut { get; init; }

    /// <summary>The camera file (--camera): its masks are in <see cref="Masks"/>; its zones and calibration feed the violation rules.</summary>
    public CameraConfig? Camera { get; init; }

    /// <summary>The file <see cref="Camera"/> was read from: an input no output may overwrite.</summary>
    public string? CameraFile { get; init; }

    /// <summary>Where violation events go (--events); null: no violation rules run.</summary>
    public Violations.ViolationSettings? Violations { get; init; }
    public bool NoAudio { get; init; }
    public bool? Realtime { get; init; }
    public TimeSpan? MaxDuration { get; init; }
}

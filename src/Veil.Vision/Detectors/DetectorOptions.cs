using Veil.Core.Detections;

namespace Veil.Vision.Detectors;

/// <summary>Thresholds and scales of <see cref="PrivacyDetector"/>, tuned for recall: a missed face is a leak.</summary>
public sealed record DetectorOptions
{
    /// <summary>What to find and redact: faces (with heads of people as fallback), plates, whole people.</summary>
    public IReadOnlySet<ObjectClass> Classes { get; init; } = new HashSet<ObjectClass> { ObjectClass.Face, ObjectClass.Plate };

    /// <summary>Long sides YuNet runs at: the large pass finds 10-20 px faces, the small one close-ups.</summary>
    public IReadOnlyList<int> FaceScales { get; init; } = [320, 640, 1280];
    /// <summary>Lowest YuNet score kept as a face on a still (see <see cref="VideoFaceScore"/>).</summary>
    public float FaceScore { get; init; } = 0.3f;

    /// <summary>
    /// The default face score on video, lower than on stills. A face YuNet scores low on every frame
    /// (in profile, half turned) stays readable for seconds, while an unsure box that is no face
    /// lasts the frame it was found on (tracks are born at 0.5). Seeds 16-21 of the moving-object
    /// clip: faces leaked 11.2 % → 9.1 % of face-frames on average, longest runs 65 → 41 frames; the
    /// CCTV clip's redacted share unchanged (26.1 %). On stills 0.2 raised faces-dev's
    /// over-redaction from 10.2 % to 13.4 %, so stills keep 0.3.
    /// </summary>
    public const float VideoFaceScore = 0.2f;

    /// <summary>Share of a face box's height its redaction box reaches further down than on a still (see <see cref="VideoFaceBelow"/>).</summary>
    public float FaceBelow { get; init; }

    /// <summary>
    /// The default <see cref="FaceBelow"/> on video. YuNet boxes a masked or lowered face from the
    /// brow to the nose; the face runs on to the chin, and a box that stops at the nose leaves the
    /// lower face readable on every frame the face is there: the bottom third of the face was the
    /// part left uncovered in 9 of 10 partly covered face-frames of seeds 16-21 of the moving-object
    /// clip. There (pixel judge) faces leaked about 365 → 270 object-frames. On stills it would raise
    /// faces-dev's over-redaction 10.2 → 13.3 % for a leak of 1.17 → 1.06 %, so stills keep 0.
    /// </summary>
    public const float VideoFaceBelow = 0.3f;

    /// <summary>
    /// A face found where a detected person's face can be is scored by both models (on video; see
    /// PrivacyDetector.People), so a face YuNet scores low on every other frame is tracked between
    /// its finds. Seeds 16-21: faces leaked about 270 → 183 object-frames; the crowd clip's changed
    /// share 56.9 → 62.7 % (50.4 % with neither). Off on stills, which have no tracks: the raised
    /// score took away an unsure face's extra margin, and faces-dev's leak went 1.17 → 1.62 %.
    /// </summary>
    public bool FacesBackedByPeople { get; init; }

    /// <summary>The face scale that also gets a mirrored pass (0: none).</summary>
    public int MirrorFaceScale { get; init; } = 640;
    public float FaceNmsIou { get; init; } = 0.3f;

    /// <summary>The head region of every person box is redacted too: faces turned away are still heads.</summary>
    public bool HeadFallback { get; init; } = true;
    public float PersonScore { get; init; } = 0.3f;
    public float VehicleScore { get; init; } = 0.2f;

    /// <summary>Long side of each vehicle crop fed to the text detector, and of the whole-frame pass (never above the frame's own).</summary>
    public int PlateCropLongSide { get; init; } = 480;
    public int PlateFrameLongSide { get; init; } = 960;

    /// <summary>
    /// Pixels of change regions the face and text models read a frame at native resolution (cadences
    /// that look at changes); more is read shrunk to fit. About the cost of the fixed schedule's
    /// passes they replace: two thirds of a 640x360 pass for faces; a quarter of one for the text
    /// model, which costs about five times as much a pixel and reads the regions every third frame
    /// (the floor and small regions read enlarged take it to about twice that). Half a pass for text
    /// cost 7.05x bare FFmpeg's CPU on the 720p plate clip against 5.65x, for the same leaks on the
    /// moving-object clip; a third of a pass for faces let a face show 3 frames running. An eighth for
    /// text held the leaks too (5.27x) and a sixteenth did not (plates 2.45 %, a run of 10): a
    /// quarter keeps a factor 4 from where plates start to show.
    /// </summary>
    public int FaceRegionBudget { get; init; } = 640 * 360 * 2 / 3;
    public int TextRegionBudget { get; init; } = 640 * 360 / 4;

    /// <summary>
    /// Cadence, in frames: each model runs on every Nth frame and the trackers carry its boxes
    /// across the others. 1 everywhere (the default for stills and evaluation) runs everything on
    /// every frame.
    /// </summary>
    public DetectionCadence Cadence { get; init; } = DetectionCadence.EveryFrame;

    public bool Wants(ObjectClass c) => Classes.Contains(c);
    public bool NeedsObjects => NeedsObjectsFor(Classes);

    /// <summary>People and vehicles are looked for when plates (on vehicles), people, or faces with the head fallback are redacted.</summary>
    public bool NeedsObjectsFor(IReadOnlySet<ObjectClass> classes) =>
        classes.Contains(ObjectClass.Plate) || classes.Contains(ObjectClass.Person) || (classes.Contains(ObjectClass.Face) && HeadFallback);
}

namespace Veil.Vision.Detectors;

/// <summary>
/// How often each model runs, in frames. Faces move and matter most, so they run most often;
/// the slow whole-frame text pass least often (vehicle crops find most plates between its runs).
/// The slow passes are offset from each other (large faces on frames 0, 4, ...; objects and the
/// plate crops that need them on 1, 3, ... and 1, 5, ...; the whole-frame text pass in halves on 2, 6, 14, 18, ...; everything on frame 0),
/// so no frame carries them all: one such frame held up every frame behind it.
/// </summary>
public sealed record DetectionCadence(int Faces, int LargeFaceScale, int Objects, int PlateCrops, int PlateFrame)
{
    public static DetectionCadence EveryFrame { get; } = new(1, 1, 1, 1, 1) { TextChangesToo = true };

    /// <summary>A live default for a 2-core CPU: see docs in README ("What each frame is guaranteed").</summary>
    public static DetectionCadence Live { get; } = new(1, 4, 2, 4, 12) { SafetyNet = 16, TextRegions = 3 };

    /// <summary>Half the face runs and of the rest: for machines that cannot keep up with live (more flicker, see README).</summary>
    public static DetectionCadence Fast { get; } = new(2, 8, 4, 8, 24) { SafetyNet = 32, TextRegions = 6 };

    /// <summary>
    /// Frames in which the safety net reads the whole frame at native resolution, a tile at a time;
    /// 0 looks at everything on the fixed schedule instead. When set, the large and mirrored face
    /// passes and the whole-frame text pass give way to reading, at native resolution, the regions
    /// where the picture changed and where tracks are expected, on every face run
    /// (see <see cref="Regions.LookPlanner"/>); a cut runs every model on the whole frame.
    /// </summary>
    public int SafetyNet { get; init; }

    public bool LooksAtChanges => SafetyNet > 0;

    /// <summary>
    /// The fixed schedule's whole-frame passes run, and the text model reads the change regions
    /// besides, at native resolution, small ones enlarged (every-frame): the whole-frame text pass
    /// reads a 720p frame shrunk, and on the moving-object clip it missed a 20 px plate for its
    /// first 24 frames, which the live cadence's regions found from the first.
    /// </summary>
    public bool TextChangesToo { get; init; }

    /// <summary>Whether the stream's picture is compared frame by frame (see <see cref="Regions.LookPlanner"/>).</summary>
    public bool ComparesFrames => LooksAtChanges || TextChangesToo;

    /// <summary>How often the text model reads the change regions (cadences that look at changes), on the frames between plate crops.</summary>
    public int TextRegions { get; init; } = 1;

    public bool TextRegionsDue(long frameIndex) => Due(TextRegions, frameIndex, PlateFramePhase);

    // Plate crops share the objects' phase: a multiple of their cadence then always finds this frame's vehicles.
    private const int LargeFacePhase = 0, ObjectPhase = 1, PlateFramePhase = 2;

    /// <summary>
    /// True on frames <paramref name="phase"/>, phase + every, ... (every frame when every is 1),
    /// and on frame 0: a stream's first frame (and a still) runs every model.
    /// </summary>
    public static bool Due(int every, long frameIndex, int phase = 0) => every <= 1 || frameIndex == 0 || frameIndex % every == phase % every;

    public bool FacesDue(long frameIndex) => Due(Faces, frameIndex);
    public bool ObjectsDue(long frameIndex) => Due(Objects, frameIndex, ObjectPhase);
    public bool PlateCropsDue(long frameIndex) => Due(PlateCrops, frameIndex, ObjectPhase);
    public bool LargeFacesDue(long frameIndex) => Due(LargeFaceScale, frameIndex, LargeFacePhase);
    /// <summary>The whole-frame text pass runs in two halves, 4 frames apart (2, 6, 14, 18, ...), each on a frame with no other slow pass.</summary>
    public bool PlateFrameHalfDue(long frameIndex, int half) => Due(PlateFrame, frameIndex, PlateFramePhase + 4 * half);

    public bool PlateFrameDue(long frameIndex) => PlateFrameHalfDue(frameIndex, 0) || PlateFrameHalfDue(frameIndex, 1);

    public void Validate()
    {
        if (Faces < 1 || LargeFaceScale < 1 || Objects < 1 || PlateCrops < 1 || PlateFrame < 1 || SafetyNet < 0 || TextRegions < 1)
            throw new ArgumentException($"detection cadence {this}: every value must be at least 1 (frame)");
        if (LargeFaceScale % Faces != 0)
            throw new ArgumentException($"detection cadence {this}: the large face passes run with the face pass, so their cadence must be a multiple of the faces' ({Faces})");
        if (PlateCrops % Objects != 0)
            throw new ArgumentException($"detection cadence {this}: plate crops need this frame's vehicles, so their cadence must be a multiple of the objects' ({Objects})");
    }
}

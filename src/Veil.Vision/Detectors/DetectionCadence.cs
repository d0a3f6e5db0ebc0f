namespace Veil.Vision.Detectors;

/// <summary>
/// How often each model runs, in frames. Faces move and matter most, so they run most often;
/// the slow whole-frame text pass least often (vehicle crops find most plates between its runs).
/// </summary>
public sealed record DetectionCadence(int Faces, int LargeFaceScale, int Objects, int PlateCrops, int PlateFrame)
{
    public static DetectionCadence EveryFrame { get; } = new(1, 1, 1, 1, 1);

    /// <summary>A live default for a 2-core CPU: see docs in README ("What a carried box guarantees").</summary>
    public static DetectionCadence Live { get; } = new(1, 3, 2, 4, 12);

    public static bool Due(int every, long frameIndex) => every <= 1 || frameIndex % every == 0;

    public bool FacesDue(long frameIndex) => Due(Faces, frameIndex);
    public bool ObjectsDue(long frameIndex) => Due(Objects, frameIndex);
    public bool PlateCropsDue(long frameIndex) => Due(PlateCrops, frameIndex);
    public bool LargeFacesDue(long frameIndex) => Due(LargeFaceScale, frameIndex);
    public bool PlateFrameDue(long frameIndex) => Due(PlateFrame, frameIndex);

    public void Validate()
    {
        if (Faces < 1 || LargeFaceScale < 1 || Objects < 1 || PlateCrops < 1 || PlateFrame < 1)
            throw new ArgumentException($"detection cadence {this}: every value must be at least 1 (frame)");
        if (PlateCrops % Objects != 0)
            throw new ArgumentException($"detection cadence {this}: plate crops need this frame's vehicles, so their cadence must be a multiple of the objects' ({Objects})");
    }
}

namespace Veil.Vision.Detectors;

/// <summary>Which detector families ran on a frame (each has its own cadence and tracker).</summary>
[Flags]
public enum ModelFamilies
{
    None = 0,
    Faces = 1,
    Objects = 2,
    Plates = 4,
}

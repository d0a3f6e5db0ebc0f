namespace Veil.Vision.Masks;

/// <summary>What a mask's numbers measure.</summary>
public enum MaskUnits
{
    /// <summary>Whole pixels of the camera's frame.</summary>
    Pixels,

    /// <summary>Fractions (0..1) of the frame's width and height, so one mask fits every resolution of a camera.</summary>
    Relative,
}

namespace Veil.Vision.Models;

/// <summary>Channel order a model expects. <see cref="Unspecified"/> only marks a manifest that left it out.</summary>
public enum ModelColourOrder
{
    Unspecified,
    Bgr,
    Rgb,
}

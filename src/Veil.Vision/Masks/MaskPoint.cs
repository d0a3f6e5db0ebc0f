namespace Veil.Vision.Masks;

/// <summary>A polygon corner in the units of its <see cref="PrivacyMask"/>.</summary>
public readonly record struct MaskPoint(double X, double Y);

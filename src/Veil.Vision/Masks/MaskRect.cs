namespace Veil.Vision.Masks;

/// <summary>A mask rectangle in the units of its <see cref="PrivacyMask"/>.</summary>
public readonly record struct MaskRect(double X, double Y, double Width, double Height)
{
    public override string ToString() => FormattableString.Invariant($"{X},{Y},{Width}x{Height}");
}

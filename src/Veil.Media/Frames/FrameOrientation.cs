namespace Veil.Media.Frames;

/// <summary>
/// How a decoded picture is turned to be shown upright: first an optional transpose (rows become
/// columns), then optional horizontal and vertical flips of the result. The eight combinations
/// are every turn by a multiple of 90° with or without a mirror; <c>default</c> leaves it as coded.
/// </summary>
public readonly record struct FrameOrientation(bool Transpose, bool FlipHorizontal, bool FlipVertical)
{
    public static FrameOrientation AsCoded => default;

    public bool IsAsCoded => this == default;

    /// <summary>The size of the turned picture.</summary>
    public (int Width, int Height) Turn(int codedWidth, int codedHeight) => Transpose ? (codedHeight, codedWidth) : (codedWidth, codedHeight);

    public override string ToString() => IsAsCoded ? "as coded"
        : string.Join(" + ", new[] { Transpose ? "transpose" : null, FlipHorizontal ? "hflip" : null, FlipVertical ? "vflip" : null }.OfType<string>());
}

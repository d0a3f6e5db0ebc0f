namespace Veil.Vision.Tracking;

/// <summary>
/// Standard deviations (pixels) of a tracked box's centre and size. The edges' deviations are what
/// a carried box is grown by: an edge is the centre minus or plus half the size.
/// </summary>
public readonly record struct BoxUncertainty(float CenterX, float CenterY, float Width, float Height)
{
    /// <summary>Deviation of the left and right edges; centre and width are independent in the filter.</summary>
    public float EdgeX => MathF.Sqrt(CenterX * CenterX + Width * Width / 4);

    /// <summary>Deviation of the top and bottom edges.</summary>
    public float EdgeY => MathF.Sqrt(CenterY * CenterY + Height * Height / 4);
}

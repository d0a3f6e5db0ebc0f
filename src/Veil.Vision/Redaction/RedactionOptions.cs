namespace Veil.Vision.Redaction;

/// <summary>
/// How <see cref="PlaneRedactor"/> treats a region. Boxes are grown before redaction because
/// detector boxes are tight and hair, ears and plate frames identify too.
/// </summary>
public sealed record RedactionOptions
{
    public static RedactionOptions Default { get; } = new();

    public RedactionStyle Style { get; init; } = RedactionStyle.Mosaic;

    /// <summary>Each side grows by this fraction of the box's width (left, right) or height (top, bottom).</summary>
    public double MarginFraction { get; init; } = 0.1;

    /// <summary>Each side grows by this many pixels more, on top of <see cref="MarginFraction"/>.</summary>
    public int MarginPixels { get; init; }

    /// <summary>The colour of <see cref="RedactionStyle.Fill"/>.</summary>
    public YuvColor FillColor { get; init; } = YuvColor.Black;

    /// <summary>Throws when a value makes no sense, so a bad setting fails at start, not per frame.</summary>
    public RedactionOptions Validate()
    {
        if (!Enum.IsDefined(Style))
            throw new ArgumentOutOfRangeException(nameof(Style), Style, "unknown redaction style");
        if (!(MarginFraction >= 0 && MarginFraction <= 2))
            throw new ArgumentOutOfRangeException(nameof(MarginFraction), MarginFraction, "margin fraction must be between 0 and 2");
        if (MarginPixels < 0)
            throw new ArgumentOutOfRangeException(nameof(MarginPixels), MarginPixels, "margin pixels must not be negative");
        return this;
    }
}

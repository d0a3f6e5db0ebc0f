using Veil.Vision.Redaction;

namespace Veil.Vision.Masks;

/// <summary>
/// An area of one camera's picture that is always redacted, as CCTV operators set them (a
/// neighbour's window, a doorway): a rectangle or a polygon, in pixels or fractions of the frame.
/// It becomes pixels only for a frame size, through <see cref="MaskResolver"/>.
/// </summary>
public sealed record PrivacyMask
{
    public PrivacyMask(string name, MaskRect rect, MaskUnits units = MaskUnits.Pixels, RedactionStyle? style = null)
    {
        if (!(double.IsFinite(rect.X) && double.IsFinite(rect.Y) && rect.Width > 0 && rect.Height > 0
              && double.IsFinite(rect.Width) && double.IsFinite(rect.Height)))
            throw new ArgumentException($"mask \"{name}\": rectangle {rect} needs finite numbers and a positive size", nameof(rect));
        Name = name;
        Rect = rect;
        Units = units;
        Style = style;
    }

    public PrivacyMask(string name, IReadOnlyList<MaskPoint> polygon, MaskUnits units = MaskUnits.Pixels, RedactionStyle? style = null)
    {
        if (polygon.Count < 3)
            throw new ArgumentException($"mask \"{name}\": a polygon needs at least 3 points, got {polygon.Count}", nameof(polygon));
        if (polygon.Any(p => !double.IsFinite(p.X) || !double.IsFinite(p.Y)))
            throw new ArgumentException($"mask \"{name}\": polygon points must be finite numbers", nameof(polygon));
        Name = name;
        Polygon = polygon.ToArray();
        Units = units;
        Style = style;
    }

    public string Name { get; }

    /// <summary>Set for a rectangle mask; null for a polygon.</summary>
    public MaskRect? Rect { get; }

    /// <summary>Set for a polygon mask; null for a rectangle.</summary>
    public IReadOnlyList<MaskPoint>? Polygon { get; }

    public MaskUnits Units { get; }

    /// <summary>Overrides the processor's style for this mask (say, a solid fill over a doorway).</summary>
    public RedactionStyle? Style { get; }
}

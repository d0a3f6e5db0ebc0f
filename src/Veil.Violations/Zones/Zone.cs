using System.Drawing;

namespace Veil.Violations.Zones;

/// <summary>
/// A named area of one camera's image, drawn in pixels on the ground. A track is in the zone
/// when its ground contact point is (see <see cref="GroundContact"/>).
/// </summary>
public sealed class Zone
{
    private Zone(string name, ZoneKind kind, IReadOnlyList<PointF> polygon, double allowedHeading, double tolerance)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A zone needs a name: events and reviewers refer to it.", nameof(name));
        ArgumentNullException.ThrowIfNull(polygon);
        if (polygon.Count < 3) throw new ArgumentException($"Zone '{name}' needs a polygon of at least 3 points, got {polygon.Count}.", nameof(polygon));
        if (polygon.Any(p => !float.IsFinite(p.X) || !float.IsFinite(p.Y)))
            throw new ArgumentException($"Zone '{name}' has a non-finite polygon point.", nameof(polygon));
        Name = name;
        Kind = kind;
        Polygon = polygon.ToArray();
        AllowedHeadingDegrees = allowedHeading;
        ToleranceDegrees = tolerance;
    }

    public string Name { get; }

    public ZoneKind Kind { get; }

    /// <summary>Vertices in pixels, in drawing order; the polygon may be concave.</summary>
    public IReadOnlyList<PointF> Polygon { get; }

    /// <summary>For a directional zone, the compass heading riders must follow (0 north, 90 east); 0 otherwise.</summary>
    public double AllowedHeadingDegrees { get; }

    /// <summary>For a directional zone, how far a heading may deviate and still be legal; 0 otherwise.</summary>
    public double ToleranceDegrees { get; }

    public static Zone Forbidden(string name, IReadOnlyList<PointF> polygon) =>
        new(name, ZoneKind.Forbidden, polygon, 0, 0);

    /// <summary>A one-way zone; headings come from the ground homography, so they are true compass headings, not image directions.</summary>
    public static Zone Directional(string name, IReadOnlyList<PointF> polygon, double allowedHeadingDegrees, double toleranceDegrees)
    {
        if (!double.IsFinite(allowedHeadingDegrees))
            throw new ArgumentException($"Zone '{name}' needs a finite allowed heading.", nameof(allowedHeadingDegrees));
        if (!(toleranceDegrees > 0 && toleranceDegrees < 180))
            throw new ArgumentOutOfRangeException(nameof(toleranceDegrees), toleranceDegrees, $"Zone '{name}': the heading tolerance must be within (0, 180) degrees.");
        return new Zone(name, ZoneKind.Directional, polygon, Headings.Normalize(allowedHeadingDegrees), toleranceDegrees);
    }

    public bool Contains(PointF point) => PolygonContainment.Contains(Polygon, point);

    /// <summary>True when <paramref name="headingDegrees"/> is further from the allowed heading than the tolerance.</summary>
    public bool IsAgainstDirection(double headingDegrees) =>
        Kind == ZoneKind.Directional && Headings.Difference(headingDegrees, AllowedHeadingDegrees) > ToleranceDegrees;
}

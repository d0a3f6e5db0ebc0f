using System.Drawing;

namespace Veil.Violations.Zones;

/// <summary>Point in polygon by the even-odd rule, which holds for concave polygons too.</summary>
public static class PolygonContainment
{
    /// <summary>
    /// Casts a ray to +x and counts edge crossings; odd is inside. Each edge is half-open in y
    /// (includes its lower end only), so a ray through a vertex is counted once, not twice.
    /// </summary>
    public static bool Contains(IReadOnlyList<PointF> polygon, PointF point)
    {
        bool inside = false;
        for (int i = 0, j = polygon.Count - 1; i < polygon.Count; j = i++)
        {
            PointF a = polygon[i], b = polygon[j];
            if ((a.Y > point.Y) == (b.Y > point.Y)) continue;
            double crossingX = a.X + (double)(point.Y - a.Y) * (b.X - a.X) / (b.Y - a.Y);
            if (point.X < crossingX) inside = !inside;
        }
        return inside;
    }
}

using System.Drawing;

namespace Veil.Violations.Calibration;

/// <summary>
/// One calibration correspondence: a pixel of the camera image where a ground feature appears
/// (a kerb corner, a manhole, a road marking) and that feature's surveyed or map position.
/// </summary>
public readonly record struct ControlPoint(PointF Pixel, GeoPoint Geo)
{
    public ControlPoint(float x, float y, double latitude, double longitude)
        : this(new PointF(x, y), new GeoPoint(latitude, longitude))
    {
    }
}

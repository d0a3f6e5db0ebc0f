using System.Drawing;
using Veil.Violations.Calibration;

namespace Veil.Violations.Tests.Support;

/// <summary>
/// A camera looking straight down, 5 cm of ground a pixel, image x east and y south: the rule
/// tests use it so that speeds in pixels per second are easy to set exactly.
/// </summary>
internal static class TopDownCamera
{
    public const double MetresPerPixel = 0.05;

    public static readonly GeoPoint Origin = new(48.8566, 2.3522);

    public static readonly GroundHomography Ground = GroundHomography.Fit(
    [
        Control(0, 0), Control(2000, 0), Control(0, 2000), Control(2000, 2000), Control(1000, 700),
    ]);

    public static double PixelsPerSecond(double kilometresPerHour) => kilometresPerHour / 3.6 / MetresPerPixel;

    public static GeoPoint Geo(PointF pixel) =>
        SphericalEarth.Destination(Origin, pixel.X * MetresPerPixel, -pixel.Y * MetresPerPixel);

    private static ControlPoint Control(float x, float y) => new(new PointF(x, y), Geo(new PointF(x, y)));
}

using System.Drawing;
using Veil.Violations.Calibration;

namespace Veil.Violations.Tests.Support;

/// <summary>
/// A synthetic CCTV camera: a pinhole at a height above flat ground, turned to a compass yaw and
/// pitched down. Its ground-to-image map is an exact homography, the truth a fit is checked against.
/// </summary>
internal sealed class PinholeCamera
{
    private readonly double _height, _focal, _cx, _cy, _yaw;
    private readonly (double X, double Y, double Z) _forward, _right, _up;

    public PinholeCamera(GeoPoint position, double heightMetres, double pitchDownDegrees, double yawDegrees,
        double focalPixels = 1100, int width = 1920, int height = 1080)
    {
        Position = position;
        Width = width;
        Height = height;
        _height = heightMetres;
        _focal = focalPixels;
        _cx = width / 2.0;
        _cy = height / 2.0;
        double p = pitchDownDegrees * Math.PI / 180, y = yawDegrees * Math.PI / 180;
        _forward = (Math.Sin(y) * Math.Cos(p), Math.Cos(y) * Math.Cos(p), -Math.Sin(p));
        _right = (Math.Cos(y), -Math.Sin(y), 0);
        // up = right × forward
        _up = (_right.Y * _forward.Z - _right.Z * _forward.Y,
               _right.Z * _forward.X - _right.X * _forward.Z,
               _right.X * _forward.Y - _right.Y * _forward.X);
        _yaw = y;
    }

    public GeoPoint Position { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Ground metres (east, north of the camera's foot) of a point <paramref name="ahead"/> along the view and <paramref name="right"/> of it.</summary>
    public (double East, double North) Ground(double ahead, double right) =>
        (ahead * Math.Sin(_yaw) + right * Math.Cos(_yaw), ahead * Math.Cos(_yaw) - right * Math.Sin(_yaw));

    public GeoPoint Geo(double east, double north) => SphericalEarth.Destination(Position, east, north);

    public PointF Project(double east, double north)
    {
        (double x, double y, double z) d = (east, north, -_height);
        double depth = Dot(d, _forward);
        if (depth <= 0) throw new ArgumentException("The point is behind the camera.");
        return new PointF(
            (float)(_cx + _focal * Dot(d, _right) / depth),
            (float)(_cy - _focal * Dot(d, _up) / depth));
    }

    public bool InFrame(PointF pixel) => pixel.X >= 0 && pixel.X < Width && pixel.Y >= 0 && pixel.Y < Height;

    /// <summary>A control point for the ground point (ahead, right), checked to be in the frame.</summary>
    public ControlPoint ControlPoint(double ahead, double right, float noiseX = 0, float noiseY = 0)
    {
        var (east, north) = Ground(ahead, right);
        var pixel = Project(east, north);
        if (!InFrame(pixel)) throw new ArgumentException($"Ground point ({ahead}, {right}) is outside the frame at {pixel}.");
        return new ControlPoint(new PointF(pixel.X + noiseX, pixel.Y + noiseY), Geo(east, north));
    }

    private static double Dot((double X, double Y, double Z) a, (double X, double Y, double Z) b) => a.X * b.X + a.Y * b.Y + a.Z * b.Z;
}

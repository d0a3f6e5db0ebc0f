namespace Veil.Violations.Calibration;

/// <summary>A WGS 84 position in decimal degrees.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    /// <summary>
    /// Finite, longitude within ±180 and latitude short of the poles, where the local
    /// equirectangular plane (east scaled by cos latitude) stops being a plane.
    /// </summary>
    public bool IsValid =>
        double.IsFinite(Latitude) && double.IsFinite(Longitude)
        && Math.Abs(Latitude) < 89 && Math.Abs(Longitude) <= 180;

    public override string ToString() =>
        FormattableString.Invariant($"({Latitude:F7}, {Longitude:F7})");
}

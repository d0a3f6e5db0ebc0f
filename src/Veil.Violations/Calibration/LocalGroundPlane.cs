namespace Veil.Violations.Calibration;

/// <summary>
/// Equirectangular projection about an origin: east = Δlon·cos(lat₀)·R, north = Δlat·R.
/// Over the few hundred metres a camera sees, its distortion is below a millimetre, so the
/// ground can be treated as a metric plane where a homography is exact.
/// </summary>
internal sealed class LocalGroundPlane
{
    private const double EarthRadiusMetres = 6_371_008.8; // IUGG mean radius
    private const double MetresPerDegree = EarthRadiusMetres * Math.PI / 180;
    private readonly double _eastMetresPerDegree;

    public LocalGroundPlane(GeoPoint origin)
    {
        Origin = origin;
        _eastMetresPerDegree = MetresPerDegree * Math.Cos(origin.Latitude * Math.PI / 180);
    }

    public GeoPoint Origin { get; }

    /// <summary>The point of <paramref name="points"/>' centroid, averaged across the antimeridian correctly.</summary>
    public static GeoPoint Centroid(IEnumerable<GeoPoint> points)
    {
        GeoPoint? first = null;
        double sumLat = 0, sumLonDelta = 0;
        int count = 0;
        foreach (var p in points)
        {
            first ??= p;
            sumLat += p.Latitude;
            sumLonDelta += WrapDegrees(p.Longitude - first.Value.Longitude);
            count++;
        }
        if (first is null) throw new ArgumentException("The centroid of no points is undefined.", nameof(points));
        return new GeoPoint(sumLat / count, WrapDegrees(first.Value.Longitude + sumLonDelta / count));
    }

    public GroundPoint ToGround(GeoPoint geo) => new(
        WrapDegrees(geo.Longitude - Origin.Longitude) * _eastMetresPerDegree,
        (geo.Latitude - Origin.Latitude) * MetresPerDegree);

    public GeoPoint ToGeo(GroundPoint ground) => new(
        Origin.Latitude + ground.North / MetresPerDegree,
        WrapDegrees(Origin.Longitude + ground.East / _eastMetresPerDegree));

    /// <summary>Brings a longitude or longitude difference into [-180, 180).</summary>
    private static double WrapDegrees(double degrees)
    {
        double wrapped = (degrees + 180) % 360;
        if (wrapped < 0) wrapped += 360;
        return wrapped - 180;
    }
}

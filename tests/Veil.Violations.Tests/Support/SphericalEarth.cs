using Veil.Violations.Calibration;

namespace Veil.Violations.Tests.Support;

/// <summary>
/// Great-circle geometry on a sphere, independent of the library's equirectangular plane, so the
/// tests measure that plane's approximation too.
/// </summary>
internal static class SphericalEarth
{
    private const double Radius = 6_371_008.8;

    /// <summary>The point <paramref name="east"/> and <paramref name="north"/> metres away along the great circle of that bearing.</summary>
    public static GeoPoint Destination(GeoPoint origin, double east, double north)
    {
        double distance = Math.Sqrt(east * east + north * north) / Radius;
        double bearing = Math.Atan2(east, north);
        double lat1 = Rad(origin.Latitude), lon1 = Rad(origin.Longitude);
        double lat2 = Math.Asin(Math.Sin(lat1) * Math.Cos(distance) + Math.Cos(lat1) * Math.Sin(distance) * Math.Cos(bearing));
        double lon2 = lon1 + Math.Atan2(Math.Sin(bearing) * Math.Sin(distance) * Math.Cos(lat1), Math.Cos(distance) - Math.Sin(lat1) * Math.Sin(lat2));
        double lon = Deg(lon2);
        if (lon >= 180) lon -= 360;
        if (lon < -180) lon += 360;
        return new GeoPoint(Deg(lat2), lon);
    }

    /// <summary>Haversine distance in metres.</summary>
    public static double Distance(GeoPoint a, GeoPoint b)
    {
        double dLat = Rad(b.Latitude - a.Latitude), dLon = Rad(b.Longitude - a.Longitude);
        double h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(Rad(a.Latitude)) * Math.Cos(Rad(b.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * Radius * Math.Asin(Math.Sqrt(h));
    }

    private static double Rad(double degrees) => degrees * Math.PI / 180;

    private static double Deg(double radians) => radians * 180 / Math.PI;
}

namespace Veil.Sidecar.Store;

/// <summary>A latitude/longitude rectangle (edges included). It does not cross the antimeridian.</summary>
public sealed record GeoBox(double MinLongitude, double MinLatitude, double MaxLongitude, double MaxLatitude);

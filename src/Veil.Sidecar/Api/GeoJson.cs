namespace Veil.Sidecar.Api;

/// <summary>A WGS 84 position in degrees.</summary>
internal sealed record GeoJson(double Lat, double Lon);

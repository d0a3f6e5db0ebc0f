namespace Veil.Sidecar.Store;

/// <summary>A camera the events name; its address is the "place" the public filters and counts by.</summary>
public sealed record Camera(string Name, string? Address, string? Model, double? Latitude, double? Longitude);

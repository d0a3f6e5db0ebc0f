namespace Veil.Sidecar.Api;

/// <summary>A camera in PUT /api/cameras: its name, the address people know the place by, and where it stands.</summary>
internal sealed record CameraJson(string Name, string? Address = null, string? Model = null, double? Latitude = null, double? Longitude = null);

namespace Veil.Sidecar.Store;

/// <summary>Events of one camera; its address is the place people know it by (null without a camera row).</summary>
public sealed record CameraCount(string Camera, string? Address, long Count);

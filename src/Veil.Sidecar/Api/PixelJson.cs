namespace Veil.Sidecar.Api;

/// <summary>A position in the camera's picture, in pixels from the top left.</summary>
internal sealed record PixelJson(double X, double Y);

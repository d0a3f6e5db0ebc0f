namespace Veil.Sidecar.Media;

/// <summary>An upload was not stored: too large, or its content does not match the hash declared for it.</summary>
public sealed class MediaRejectedException(string message) : Exception(message);

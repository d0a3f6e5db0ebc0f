namespace Veil.Sidecar.Media;

/// <summary>A file in the <see cref="MediaStore"/>: its SHA-256 (lowercase hex), size and sniffed content type (null when unknown).</summary>
public sealed record StoredMedia(string Sha256, long Length, string? ContentType);

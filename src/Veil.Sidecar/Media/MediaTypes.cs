namespace Veil.Sidecar.Media;

/// <summary>
/// The media kinds events carry, told by their first bytes rather than by what a client claims:
/// JPEG (FF D8 FF), GIF ("GIF87a"/"GIF89a"), MP4 (an ISO BMFF "ftyp" box first).
/// </summary>
public static class MediaTypes
{
    public const string Jpeg = "image/jpeg";
    public const string Gif = "image/gif";
    public const string Mp4 = "video/mp4";

    /// <summary>How many leading bytes <see cref="Sniff"/> needs.</summary>
    public const int SniffLength = 12;

    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return Jpeg;
        if (head.Length >= 6 && (head[..6].SequenceEqual("GIF87a"u8) || head[..6].SequenceEqual("GIF89a"u8))) return Gif;
        if (head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8)) return Mp4;
        return null;
    }
}

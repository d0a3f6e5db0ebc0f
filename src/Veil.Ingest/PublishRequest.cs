using System.Net;

namespace Veil.Ingest;

/// <summary>
/// A publisher asking to publish: over which protocol and from where, the stream it names (null when
/// the key alone finds it, as RTMP's stream key does), its key, and the demuxer that reads what it sends.
/// </summary>
public sealed record PublishRequest(string Protocol, IPAddress Peer, string? Stream, string Key, string Format)
{
    /// <summary>The demuxer's options (rawvideo: video_size, pixel_format, framerate).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>The picture size the publisher announced (raw and JPEG frames), checked against the limits at open; 0 when not announced.</summary>
    public int Width { get; init; }
    public int Height { get; init; }

    /// <summary>Uncompressed frames: bounded by the picture size and frame rate, not by the ingest bitrate limit.</summary>
    public bool IsRaw => Format == "rawvideo";
}

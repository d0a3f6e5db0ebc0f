namespace Veil.Media.Demux;

/// <summary>How to open an input. Network inputs get a deadline so a dead camera cannot hang Veil.</summary>
public sealed record InputOptions
{
    /// <summary>Time allowed to connect and read the stream headers.</summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait for one packet once open (live sources stall; files never do).</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>RTSP transport: "tcp" (default, works through NAT) or "udp".</summary>
    public string RtspTransport { get; init; } = "tcp";

    /// <summary>
    /// Start a file again at its end, timestamps running on (ffmpeg's -stream_loop -1): a camera
    /// that never stops, for tests and demos, without reopening anything downstream.
    /// </summary>
    public bool Loop { get; init; }

    /// <summary>Bytes handed over by Veil instead of a URL (an RTMP publisher's FLV); the URL then only names it.</summary>
    public StreamFeed? Feed { get; init; }

    /// <summary>The demuxer to use (e.g. "flv" for a <see cref="Feed"/>) instead of probing.</summary>
    public string? Format { get; init; }

    /// <summary>Extra demuxer/protocol options passed to avformat_open_input.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();
}

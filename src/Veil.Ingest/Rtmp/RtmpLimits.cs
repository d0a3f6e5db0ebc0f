using Veil.Ingest.Rtmp.Wire;

namespace Veil.Ingest.Rtmp;

/// <summary>What the RTMP port lets peers take: time to start publishing, silence, connections, memory.</summary>
public sealed record RtmpLimits
{
    /// <summary>From the connection to the publish (handshake, connect, createStream, publish): a peer slower than this is dropped.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a publisher may go without a whole message (a byte now and then does not count).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxConnections { get; init; } = 256;
    public int MaxConnectionsPerAddress { get; init; } = 16;
    public ChunkLimits Chunks { get; init; } = new();

    /// <summary>Bytes of messages being reassembled over all sessions at once.</summary>
    public long MaxReassemblyBytes { get; init; } = 64 << 20;
}

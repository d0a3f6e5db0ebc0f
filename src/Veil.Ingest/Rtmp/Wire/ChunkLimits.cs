namespace Veil.Ingest.Rtmp.Wire;

/// <summary>What one peer's chunk stream may make the reader hold.</summary>
/// <param name="MaxMessageBytes">The largest message (a video frame of a high-bitrate keyframe fits in 4 MiB).</param>
/// <param name="MaxChunkStreams">Chunk stream ids in use at once (encoders use a handful).</param>
/// <param name="MaxReassemblyBytes">Bytes of messages being reassembled at once, all chunk streams together.</param>
public sealed record ChunkLimits(int MaxMessageBytes = 4 << 20, int MaxChunkStreams = 64, int MaxReassemblyBytes = 8 << 20);

namespace Veil.Ingest.Rtmp.Wire;

/// <summary>
/// One RTMP message (spec 5.4, 6.2, 7.1): its type, message stream, time in ms and body. A message
/// the <see cref="ChunkReader"/> reassembled lends its body from a pool: it is valid until the
/// reader's <see cref="ChunkReader.Release"/>.
/// </summary>
public readonly record struct RtmpMessage(byte Type, uint StreamId, uint Timestamp, byte[] Buffer, int Length)
{
    public const byte SetChunkSize = 1, Abort = 2, Acknowledgement = 3, UserControl = 4, WindowAckSize = 5, SetPeerBandwidth = 6,
        Audio = 8, Video = 9, Data = 18, Command = 20;

    public ReadOnlySpan<byte> Payload => Buffer.AsSpan(0, Length);

    /// <summary>A message of ours, its body a plain array.</summary>
    public static RtmpMessage Of(byte type, uint streamId, byte[] payload) => new(type, streamId, 0, payload, payload.Length);
}

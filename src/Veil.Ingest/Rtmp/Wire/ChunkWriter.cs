using System.Buffers.Binary;

namespace Veil.Ingest.Rtmp.Wire;

/// <summary>
/// Our side of the chunk stream (spec 5.3.1): each message as one type 0 chunk (11-byte header,
/// timestamp capped below the extended form) and type 3 continuations at our chunk size.
/// </summary>
public sealed class ChunkWriter
{
    public int ChunkSize { get; set; } = 128;

    public byte[] Encode(int csid, RtmpMessage message)
    {
        var payload = message.Payload;
        int chunks = Math.Max(1, (payload.Length + ChunkSize - 1) / ChunkSize);
        var output = new byte[12 + payload.Length + (chunks - 1)];
        output[0] = (byte)csid;
        uint ts = Math.Min(message.Timestamp, 0xFFFFFE);
        output[1] = (byte)(ts >> 16); output[2] = (byte)(ts >> 8); output[3] = (byte)ts;
        output[4] = (byte)(payload.Length >> 16); output[5] = (byte)(payload.Length >> 8); output[6] = (byte)payload.Length;
        output[7] = message.Type;
        BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(8), message.StreamId);
        int pos = 12;
        for (int offset = 0; offset < payload.Length; offset += ChunkSize)
        {
            if (offset > 0) output[pos++] = (byte)(0xC0 | csid);
            int n = Math.Min(ChunkSize, payload.Length - offset);
            payload.Slice(offset, n).CopyTo(output.AsSpan(pos));
            pos += n;
        }
        return output;
    }
}

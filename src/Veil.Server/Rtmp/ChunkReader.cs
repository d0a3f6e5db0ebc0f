using System.Buffers;

namespace Veil.Server.Rtmp;

/// <summary>
/// Reassembles RTMP messages from the chunk stream (RTMP spec 5.3): basic header (3 forms of chunk
/// stream id), message header of type 0-3 with timestamp deltas and extended timestamps, and
/// payloads cut at the peer's chunk size. Parses from a <see cref="SequenceReader{T}"/> over the
/// connection's pipe and consumes nothing until a whole chunk is there.
/// </summary>
public sealed class ChunkReader(int maxMessageBytes)
{
    private sealed class ChunkStream
    {
        public uint Timestamp, Delta;
        public int Length;
        public byte Type;
        public uint StreamId;
        public bool Extended, Started;
        public byte[]? Buffer;
        public int Received;
    }

    private readonly Dictionary<int, ChunkStream> _streams = new();

    /// <summary>The peer's chunk size (128 until it sends Set Chunk Size).</summary>
    public int ChunkSize { get; set; } = 128;

    /// <summary>Consumes one chunk when all of it is buffered; <paramref name="message"/> is set when it completed one.</summary>
    public bool TryReadChunk(ref SequenceReader<byte> reader, out RtmpMessage? message)
    {
        message = null;
        var r = reader;
        if (!r.TryRead(out byte b0)) return false;
        int fmt = b0 >> 6, csid = b0 & 0x3f;
        if (csid == 0)
        {
            if (!r.TryRead(out byte b1)) return false;
            csid = 64 + b1;
        }
        else if (csid == 1)
        {
            if (!r.TryRead(out byte b1) || !r.TryRead(out byte b2)) return false;
            csid = 64 + b1 + b2 * 256;
        }
        if (!_streams.TryGetValue(csid, out var s)) _streams[csid] = s = new ChunkStream();
        if (fmt != 0 && !s.Started) throw new RtmpProtocolException($"chunk stream {csid} starts with a type {fmt} header (needs type 0)");
        bool newMessage = s.Received == 0;
        if (fmt is 1 or 2 && !newMessage) throw new RtmpProtocolException($"chunk stream {csid}: a type {fmt} header in the middle of a message");

        uint time = 0;
        int length = s.Length;
        byte type = s.Type;
        uint streamId = s.StreamId;
        if (fmt <= 2 && !TryReadUInt24(ref r, out time)) return false;
        if (fmt <= 1)
        {
            if (!TryReadUInt24(ref r, out uint len) || !r.TryRead(out type)) return false;
            length = (int)len;
        }
        if (fmt == 0)
        {
            if (!r.TryReadLittleEndian(out int sid)) return false;
            streamId = (uint)sid;
        }
        bool extended = fmt <= 2 ? time == 0xFFFFFF : s.Extended;
        if (extended)
        {
            if (!r.TryReadBigEndian(out int ext)) return false;
            if (fmt <= 2) time = (uint)ext;
        }
        if (length > maxMessageBytes) throw new RtmpProtocolException($"message of {length} bytes on chunk stream {csid} is over the {maxMessageBytes >> 10} KiB limit");
        int take = Math.Min(ChunkSize, length - (newMessage ? 0 : s.Received));
        if (r.Remaining < take) return false;

        // The whole chunk is here: commit the header to the chunk stream's state.
        s.Started = true;
        s.Extended = extended;
        s.Length = length;
        s.Type = type;
        s.StreamId = streamId;
        if (fmt == 0) { s.Timestamp = time; s.Delta = time; } // a type 3 after a type 0 repeats its time as the delta (spec 5.3.1.2.4)
        else if (fmt is 1 or 2) { s.Delta = time; s.Timestamp += time; }
        else if (newMessage) s.Timestamp += s.Delta;
        if (newMessage) s.Buffer = new byte[length];
        r.TryCopyTo(s.Buffer.AsSpan(s.Received, take));
        r.Advance(take);
        s.Received += take;
        reader = r;
        if (s.Received == s.Length)
        {
            message = new RtmpMessage(s.Type, s.StreamId, s.Timestamp, s.Buffer!);
            s.Received = 0;
            s.Buffer = null;
        }
        return true;
    }

    private static bool TryReadUInt24(ref SequenceReader<byte> r, out uint value)
    {
        value = 0;
        if (!r.TryRead(out byte a) || !r.TryRead(out byte b) || !r.TryRead(out byte c)) return false;
        value = (uint)(a << 16 | b << 8 | c);
        return true;
    }
}

using System.Buffers;
using System.Buffers.Binary;

namespace Veil.Ingest.Rtmp.Wire;

// RTMP spec 5.3.1, a chunk:
// +--------------+----------------+--------------------+------------+
// | Basic Header | Message Header | Extended Timestamp | Chunk Data |
// +--------------+----------------+--------------------+------------+
// Basic header, 1-3 bytes:   fmt (2 bits) | cs id (6 bits): 2-63 itself; 0: one more byte, id 64-319;
//                            1: two more bytes (little endian), id 64-65599
// Message header by fmt:     0 (11 bytes): timestamp (3) | message length (3) | type id (1) | stream id (4, little endian)
//                            1 (7 bytes):  timestamp delta (3) | message length (3) | type id (1)
//                            2 (3 bytes):  timestamp delta (3)
//                            3 (none):     the chunk stream's last header again
// Extended timestamp (4):    present when the 3-byte field is 0xFFFFFF, and on the type 3 chunks of such a message
// Chunk data:                min(chunk size, bytes left of the message)
// Protocol control messages the reader applies itself (spec 5.4), as they change how chunks are read:
//   1 Set Chunk Size:          0 (1 bit) | chunk size (31 bits), 1 to the message cap
//   2 Abort Message:           chunk stream id (32 bits): its message in progress is dropped

/// <summary>
/// Reassembles RTMP messages from a peer's chunk stream. Headers are consumed whole or not at all;
/// chunk data is copied as it arrives, so the connection's buffer never holds more than a header.
/// A message's buffer is rented from a pool only after its size passed the caps (the message size,
/// the chunk streams in use, the bytes being reassembled by this reader and by the whole server);
/// any breach is an <see cref="RtmpProtocolException"/>.
/// </summary>
public sealed class ChunkReader(ChunkLimits limits, ByteBudget budget) : IDisposable
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
    private ChunkStream? _inChunk;
    private int _chunkLeft;
    private long _reassembling;

    /// <summary>The peer's chunk size (128 until it sends Set Chunk Size).</summary>
    public int ChunkSize { get; private set; } = 128;

    /// <summary>
    /// Consumes what it can; true with <paramref name="message"/> when a message completed (call again
    /// for more), false when every byte it could use is consumed and more are needed. Set Chunk Size
    /// and Abort Message (spec 5.4.1, 5.4.2) change how the next chunks are read: they take effect
    /// here, before the next chunk, and are not returned.
    /// </summary>
    public bool TryReadMessage(ref SequenceReader<byte> reader, out RtmpMessage message)
    {
        while (TryReassemble(ref reader, out message))
        {
            if (message.Type is not (RtmpMessage.SetChunkSize or RtmpMessage.Abort)) return true;
            try { Apply(message); }
            finally { Release(message); }
        }
        return false;
    }

    private bool TryReassemble(ref SequenceReader<byte> reader, out RtmpMessage message)
    {
        message = default;
        while (true)
        {
            if (_inChunk is null && !TryReadHeader(ref reader)) return false;
            var s = _inChunk!;
            int n = (int)Math.Min(_chunkLeft, reader.Remaining);
            if (n > 0)
            {
                reader.TryCopyTo(s.Buffer.AsSpan(s.Received, n));
                reader.Advance(n);
                s.Received += n;
                _chunkLeft -= n;
            }
            if (_chunkLeft > 0) return false;
            _inChunk = null;
            if (s.Received < s.Length) continue;
            message = new RtmpMessage(s.Type, s.StreamId, s.Timestamp, s.Buffer!, s.Length);
            _reassembling -= s.Buffer!.Length;
            s.Buffer = null;
            s.Received = 0;
            return true;
        }
    }

    /// <summary>Gives a completed message's buffer back (after its handler is done with it).</summary>
    public void Release(RtmpMessage message)
    {
        if (message.Buffer.Length == 0) return;
        budget.Give(message.Buffer.Length);
        ArrayPool<byte>.Shared.Return(message.Buffer);
    }

    private void Apply(RtmpMessage control)
    {
        string name = control.Type == RtmpMessage.SetChunkSize ? "Set Chunk Size" : "Abort Message";
        if (control.Length < 4) throw new RtmpProtocolException($"{name} of {control.Length} bytes (needs 4)");
        uint value = BinaryPrimitives.ReadUInt32BigEndian(control.Payload);
        if (control.Type == RtmpMessage.Abort)
        {
            if (value <= int.MaxValue) Abort((int)value);
            return;
        }
        int size = (int)(value & 0x7FFFFFFF);
        if (size < 1 || size > limits.MaxMessageBytes) throw new RtmpProtocolException($"chunk size {size} is out of range (1 to {limits.MaxMessageBytes})");
        ChunkSize = size;
    }

    /// <summary>The peer abandons the message in progress on chunk stream <paramref name="csid"/>.</summary>
    private void Abort(int csid)
    {
        if (!_streams.TryGetValue(csid, out var s) || s.Buffer is null) return;
        Drop(s);
    }

    private bool TryReadHeader(ref SequenceReader<byte> reader)
    {
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
        uint time = 0;
        int length = 0;
        byte type = 0;
        uint streamId = 0;
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
        var s = Stream(csid);
        if (fmt != 0 && !s.Started) throw new RtmpProtocolException($"chunk stream {csid} starts with a type {fmt} header (needs type 0)");
        bool newMessage = s.Buffer is null;
        if (fmt is 0 or 1 or 2 && !newMessage) throw new RtmpProtocolException($"chunk stream {csid}: a type {fmt} header in the middle of a message");
        if (fmt == 2 || fmt == 3) (length, type) = (s.Length, s.Type);
        if (fmt != 0) streamId = s.StreamId;
        bool extended = fmt <= 2 ? time == 0xFFFFFF : s.Extended;
        if (extended)
        {
            if (!r.TryReadBigEndian(out int ext)) return false;
            if (fmt <= 2) time = (uint)ext;
        }

        // The whole header is here: check the caps before anything is allocated, then commit it.
        if (length > limits.MaxMessageBytes)
            throw new RtmpProtocolException($"message of {length} bytes on chunk stream {csid} is over the {limits.MaxMessageBytes >> 10} KiB limit");
        if (newMessage) Rent(s, csid, length);
        reader = r;
        s.Started = true;
        s.Extended = extended;
        s.Length = length;
        s.Type = type;
        s.StreamId = streamId;
        if (fmt == 0) { s.Timestamp = time; s.Delta = time; } // a type 3 after a type 0 repeats its time as the delta (spec 5.3.1.2.4)
        else if (fmt is 1 or 2) { s.Delta = time; s.Timestamp += time; }
        else if (newMessage) s.Timestamp += s.Delta;
        _inChunk = s;
        _chunkLeft = Math.Min(ChunkSize, length - s.Received);
        return true;
    }

    private ChunkStream Stream(int csid)
    {
        if (_streams.TryGetValue(csid, out var s)) return s;
        if (_streams.Count >= limits.MaxChunkStreams)
            throw new RtmpProtocolException($"more than {limits.MaxChunkStreams} chunk streams in one session");
        return _streams[csid] = new ChunkStream();
    }

    private void Rent(ChunkStream s, int csid, int length)
    {
        if (length == 0)
        {
            s.Buffer = [];
            return;
        }
        if (_reassembling + length > limits.MaxReassemblyBytes)
            throw new RtmpProtocolException($"chunk stream {csid}: a {length} byte message would put {(_reassembling + length) >> 10} KiB in reassembly, over the session's {limits.MaxReassemblyBytes >> 10} KiB");
        if (!budget.TryTake(length))
            throw new RtmpProtocolException($"chunk stream {csid}: the server holds {budget.Used >> 20} MiB of RTMP messages being reassembled, its limit; a {length} byte message does not fit");
        s.Buffer = ArrayPool<byte>.Shared.Rent(length);
        budget.Take(s.Buffer.Length - length); // the pool may lend a larger array: what is held is what Release gives back
        _reassembling += s.Buffer.Length;
    }

    private void Drop(ChunkStream s)
    {
        if (s.Buffer is { Length: > 0 } buffer)
        {
            _reassembling -= buffer.Length;
            budget.Give(buffer.Length);
            ArrayPool<byte>.Shared.Return(buffer);
        }
        s.Buffer = null;
        s.Received = 0;
    }

    /// <summary>Gives back the buffers of messages left half-read (the session ended).</summary>
    public void Dispose()
    {
        foreach (var s in _streams.Values) Drop(s);
        _inChunk = null;
    }

    private static bool TryReadUInt24(ref SequenceReader<byte> r, out uint value)
    {
        value = 0;
        if (!r.TryRead(out byte a) || !r.TryRead(out byte b) || !r.TryRead(out byte c)) return false;
        value = (uint)(a << 16 | b << 8 | c);
        return true;
    }
}

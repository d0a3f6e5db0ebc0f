using System.Buffers;
using Veil.Ingest.Rtmp.Wire;

namespace Veil.Ingest.Tests.Rtmp.Wire;

/// <summary>The RTMP chunk stream as the spec lays it out, byte by byte, and the caps a hostile peer meets.</summary>
public sealed class ChunkReaderTests
{
    private static ChunkReader Reader(int maxMessage = 1 << 20, int maxStreams = 64, int maxReassembly = 8 << 20, ByteBudget? budget = null) =>
        new(new ChunkLimits(maxMessage, maxStreams, maxReassembly), budget ?? new ByteBudget(64 << 20));

    [Fact]
    public void A_message_over_several_chunks_with_deltas_and_an_extended_timestamp_is_reassembled()
    {
        var payload = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var bytes = new List<byte>();
        // Type 0 header on chunk stream 4: timestamp 0xFFFFFF (extended: 0x01000000), 300 bytes, video, stream 1.
        bytes.AddRange([0x04, 0xFF, 0xFF, 0xFF, 0x00, 0x01, 0x2C, 9, 1, 0, 0, 0, 0x01, 0x00, 0x00, 0x00]);
        bytes.AddRange(payload[..128]);
        bytes.AddRange([0xC4, 0x01, 0x00, 0x00, 0x00]); // type 3, repeating the extended timestamp
        bytes.AddRange(payload[128..256]);
        bytes.AddRange([0xC4, 0x01, 0x00, 0x00, 0x00]);
        bytes.AddRange(payload[256..]);
        // Type 2 header: same length and type, timestamp delta 40.
        bytes.AddRange([0x84, 0x00, 0x00, 40]);
        bytes.AddRange(payload[..128]);
        bytes.AddRange([0xC4]);
        bytes.AddRange(payload[128..256]);
        bytes.AddRange([0xC4]);
        bytes.AddRange(payload[256..]);

        var messages = ReadAll(Reader(), bytes.ToArray());
        Assert.Equal(2, messages.Count);
        Assert.Equal((byte)9, messages[0].Type);
        Assert.Equal(1u, messages[0].StreamId);
        Assert.Equal(0x01000000u, messages[0].Timestamp);
        Assert.Equal(payload, messages[0].Payload);
        Assert.Equal(0x01000000u + 40, messages[1].Timestamp);
        Assert.Equal(payload, messages[1].Payload);
    }

    [Fact]
    public void Chunk_data_is_taken_as_it_arrives_but_a_header_only_whole()
    {
        var reader = Reader();
        byte[] chunk = [0x03, 0, 0, 0, 0, 0, 4, 20, 0, 0, 0, 0, 1, 2, 3, 4];
        var half = new SequenceReader<byte>(new ReadOnlySequence<byte>(chunk, 0, 10)); // a header cut short
        Assert.False(reader.TryReadMessage(ref half, out _));
        Assert.Equal(0, half.Consumed);
        var most = new SequenceReader<byte>(new ReadOnlySequence<byte>(chunk, 0, 14)); // the header and half the data
        Assert.False(reader.TryReadMessage(ref most, out _));
        Assert.Equal(14, most.Consumed);
        var rest = new SequenceReader<byte>(new ReadOnlySequence<byte>(chunk, 14, 2));
        Assert.True(reader.TryReadMessage(ref rest, out var message));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, message.Payload.ToArray());
    }

    [Fact]
    public void Oversized_messages_and_headers_out_of_order_are_protocol_errors()
    {
        var e = Assert.Throws<RtmpProtocolException>(() => ReadAll(Reader(maxMessage: 1024), [0x03, 0, 0, 0, 0x10, 0, 0, 9, 0, 0, 0, 0]));
        Assert.Contains("over the 1 KiB limit", e.Message);
        Assert.Contains("starts with a type 3 header", Assert.Throws<RtmpProtocolException>(() => ReadAll(Reader(), [0xC5, 1, 2])).Message);
    }

    [Fact]
    public void A_peer_that_opens_more_chunk_streams_than_the_cap_is_stopped()
    {
        var bytes = new List<byte>();
        // Each a first chunk (128 bytes) of a 200-byte message: nine messages left open.
        for (int csid = 3; csid < 3 + 9; csid++) bytes.AddRange([(byte)csid, 0, 0, 0, 0, 0, 200, 9, 0, 0, 0, 0, .. new byte[128]]);
        var e = Assert.Throws<RtmpProtocolException>(() => ReadAll(Reader(maxStreams: 8), [.. bytes]));
        Assert.Contains("more than 8 chunk streams", e.Message);
    }

    [Fact]
    public void Messages_announced_beyond_the_reassembly_caps_are_refused_before_anything_is_allocated()
    {
        // Three open 400 KiB messages on three chunk streams: the third passes the session's 1 MiB.
        var bytes = new List<byte>();
        for (int csid = 3; csid < 6; csid++) bytes.AddRange([(byte)csid, 0, 0, 0, 0x06, 0x40, 0x00, 9, 0, 0, 0, 0, .. new byte[128]]);
        var session = Assert.Throws<RtmpProtocolException>(() => ReadAll(Reader(maxReassembly: 1 << 20), [.. bytes]));
        Assert.Contains("over the session's 1024 KiB", session.Message);

        // The server's budget is shared: a second reader finds it spent by the first.
        var budget = new ByteBudget(1 << 20);
        var first = Reader(budget: budget);
        ReadPartly(first, [0x03, 0, 0, 0, 0x0C, 0x00, 0x00, 9, 0, 0, 0, 0, 1]); // a 768 KiB message begun
        var server = Assert.Throws<RtmpProtocolException>(() => ReadAll(Reader(budget: budget), [0x03, 0, 0, 0, 0x06, 0x40, 0x00, 9, 0, 0, 0, 0, 1]));
        Assert.Contains("its limit", server.Message);
        first.Dispose();
        Assert.Equal(0, budget.Used);
    }

    [Fact]
    public void Released_messages_give_their_budget_back()
    {
        var budget = new ByteBudget(1 << 20);
        var reader = Reader(budget: budget);
        var messages = ReadAll(reader, [0x03, 0, 0, 0, 0, 0, 4, 20, 0, 0, 0, 0, 1, 2, 3, 4]);
        Assert.True(budget.Used >= 4);
        reader.Release(messages[0]);
        Assert.Equal(0, budget.Used);
    }

    [Fact]
    public void Our_messages_are_cut_at_our_chunk_size_and_read_back()
    {
        var writer = new ChunkWriter { ChunkSize = 100 };
        var payload = Enumerable.Range(0, 250).Select(i => (byte)i).ToArray();
        var message = new RtmpMessage(RtmpMessage.Command, 1, 7, payload, payload.Length);
        var reader = Reader();
        byte[] setChunkSize = new ChunkWriter().Encode(2, RtmpMessage.Of(RtmpMessage.SetChunkSize, 0, [0, 0, 0, 100]));
        var back = Assert.Single(ReadAll(reader, [.. setChunkSize, .. writer.Encode(3, message)])); // Set Chunk Size is applied, not handed on
        Assert.Equal(100, reader.ChunkSize);
        Assert.Equal((message.Type, message.StreamId, message.Timestamp), (back.Type, back.StreamId, back.Timestamp));
        Assert.Equal(payload, back.Payload.ToArray());
    }

    private static void ReadPartly(ChunkReader reader, byte[] bytes)
    {
        var sequence = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        Assert.False(reader.TryReadMessage(ref sequence, out _));
    }

    internal static List<RtmpMessage> ReadAll(ChunkReader reader, byte[] bytes)
    {
        var sequence = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        var messages = new List<RtmpMessage>();
        while (reader.TryReadMessage(ref sequence, out var m)) messages.Add(m);
        Assert.Equal(bytes.Length, sequence.Consumed);
        return messages;
    }
}

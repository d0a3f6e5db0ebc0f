using System.Buffers;
using Veil.Server.Rtmp;

namespace Veil.Server.Tests.Serve;

/// <summary>The RTMP chunk stream and AMF0 as the spec lays them out, byte by byte.</summary>
public sealed class RtmpProtocolTests
{
    [Fact]
    public void Amf0_reads_back_what_it_writes_and_names_what_is_cut_short()
    {
        var bytes = Amf0.Write("connect", 1.0, new Dictionary<string, object?> { ["app"] = "live", ["n"] = 2.5, ["ok"] = true }, null);
        var values = Amf0.ReadAll(bytes);
        Assert.Equal("connect", values[0]);
        Assert.Equal(1.0, values[1]);
        var props = Assert.IsType<Dictionary<string, object?>>(values[2]);
        Assert.Equal(("live", 2.5, true), ((string)props["app"]!, (double)props["n"]!, (bool)props["ok"]!));
        Assert.Null(values[3]);
        var e = Assert.Throws<RtmpProtocolException>(() => Amf0.ReadAll(bytes.AsSpan(0, bytes.Length - 8)));
        Assert.Contains("cut short", e.Message);
        Assert.Contains("unknown AMF0 type marker 0x42", Assert.Throws<RtmpProtocolException>(() => Amf0.ReadAll([0x42])).Message);
    }

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

        var reader = new ChunkReader(1 << 20);
        var messages = ReadAll(reader, bytes.ToArray());
        Assert.Equal(2, messages.Count);
        Assert.Equal((byte)9, messages[0].Type);
        Assert.Equal(1u, messages[0].StreamId);
        Assert.Equal(0x01000000u, messages[0].Timestamp);
        Assert.Equal(payload, messages[0].Payload);
        Assert.Equal(0x01000000u + 40, messages[1].Timestamp);
        Assert.Equal(payload, messages[1].Payload);
    }

    [Fact]
    public void A_partial_chunk_consumes_nothing_until_the_rest_arrives()
    {
        var reader = new ChunkReader(1 << 20);
        byte[] chunk = [0x03, 0, 0, 0, 0, 0, 4, 20, 0, 0, 0, 0, 1, 2, 3, 4];
        var sequence = new SequenceReader<byte>(new ReadOnlySequence<byte>(chunk, 0, 14));
        Assert.False(reader.TryReadChunk(ref sequence, out _));
        Assert.Equal(0, sequence.Consumed);
        Assert.Single(ReadAll(reader, chunk));
    }

    [Fact]
    public void Oversized_messages_and_headers_out_of_order_are_protocol_errors()
    {
        var big = new ChunkReader(1024);
        var e = Assert.Throws<RtmpProtocolException>(() => ReadAll(big, [0x03, 0, 0, 0, 0x10, 0, 0, 9, 0, 0, 0, 0]));
        Assert.Contains("over the 1 KiB limit", e.Message);
        var fresh = new ChunkReader(1024);
        Assert.Contains("starts with a type 3 header", Assert.Throws<RtmpProtocolException>(() => ReadAll(fresh, [0xC5, 1, 2])).Message);
    }

    [Fact]
    public void Our_messages_are_cut_at_our_chunk_size_and_read_back()
    {
        var writer = new ChunkWriter { ChunkSize = 100 };
        var message = new RtmpMessage(RtmpMessage.Command, 1, 7, Enumerable.Range(0, 250).Select(i => (byte)i).ToArray());
        var reader = new ChunkReader(1 << 20) { ChunkSize = 100 };
        var back = Assert.Single(ReadAll(reader, writer.Encode(3, message)));
        Assert.Equal((message.Type, message.StreamId, message.Timestamp), (back.Type, back.StreamId, back.Timestamp));
        Assert.Equal(message.Payload, back.Payload);
    }

    private static List<RtmpMessage> ReadAll(ChunkReader reader, byte[] bytes)
    {
        var sequence = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        var messages = new List<RtmpMessage>();
        while (reader.TryReadChunk(ref sequence, out var m))
            if (m is not null) messages.Add(m);
        Assert.Equal(bytes.Length, sequence.Consumed);
        return messages;
    }
}

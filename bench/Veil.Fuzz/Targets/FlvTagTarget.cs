using System.Buffers.Binary;
using Veil.Fuzz.Fakes;
using Veil.Ingest.Rtmp;
using Veil.Ingest.Rtmp.Wire;

namespace Veil.Fuzz.Targets;

/// <summary>
/// A publisher's media messages (audio, video, script data; an input is a run of FLV tags) through
/// <see cref="FlvFeedWriter"/> into a feed, as an RTMP session hands them on after publish: the
/// onMetaData properties read for the tracks, the FLV header decided, held messages written.
/// Nothing is refused (bad metadata is not an error). Invariant: the feed gets nothing, or an FLV
/// header naming audio and/or video followed by exactly the tags that belong in the stream (media
/// with data, onMetaData without @setDataFrame), each with its right trailer.
/// </summary>
public sealed class FlvTagTarget : IFuzzTarget
{
    public string Name => "FlvTag";

    public IReadOnlyList<byte[]> Seeds() => Corpora.Ingest.AllHex(Name).ToArray();

    public string? Run(byte[] input)
    {
        Publish(input);
        return null;
    }

    /// <summary>The FLV stream the feed received for the input's tags (empty when the header was never decided).</summary>
    public static byte[] Publish(byte[] input)
    {
        var feed = new MemoryFeed();
        var writer = new FlvFeedWriter(feed);
        var expected = new List<FlvTagData>();
        try
        {
            foreach (var tag in FlvTags.Read(input, checkTrailers: false, out _))
            {
                if (tag.Type is not (RtmpMessage.Audio or RtmpMessage.Video or RtmpMessage.Data)) continue; // the session hands on media only
                var write = writer.WriteAsync(new RtmpMessage(tag.Type, 1, tag.Timestamp, tag.Data, tag.Data.Length), CancellationToken.None);
                if (!write.IsCompleted) throw new InvariantBrokenException("a write to an in-memory feed did not complete at once");
                write.GetAwaiter().GetResult();
                var data = tag.Type == RtmpMessage.Data ? FlvMetadata.Body(tag.Data).ToArray() : tag.Data;
                if (data.Length > 0) expected.Add(tag with { Data = data });
            }
        }
        finally
        {
            writer.Release();
        }
        var output = feed.Written.ToArray();
        Check(output, expected);
        return output;
    }

    private static void Check(byte[] output, List<FlvTagData> expected)
    {
        if (output.Length == 0) return;
        if (output.Length < FlvTag.FileHeaderSize || !output.AsSpan(0, 4).SequenceEqual("FLV\x01"u8) || output[4] is not (0x01 or 0x04 or 0x05)
            || BinaryPrimitives.ReadUInt32BigEndian(output.AsSpan(5)) != 9 || BinaryPrimitives.ReadUInt32BigEndian(output.AsSpan(9)) != 0)
            throw new InvariantBrokenException($"the feed does not start with an FLV header: {Convert.ToHexString(output.AsSpan(0, Math.Min(13, output.Length)))}");
        var tags = FlvTags.Read(output.AsSpan(FlvTag.FileHeaderSize), checkTrailers: true, out int rest);
        if (rest != 0) throw new InvariantBrokenException($"the FLV stream has {rest} bytes that are no whole tag after {tags.Count} tags");
        if (tags.Count != expected.Count) throw new InvariantBrokenException($"the FLV stream has {tags.Count} tags, the publisher sent {expected.Count} that belong in it");
        for (int i = 0; i < tags.Count; i++)
            if (tags[i].Type != expected[i].Type || tags[i].Timestamp != expected[i].Timestamp || !tags[i].Data.AsSpan().SequenceEqual(expected[i].Data))
                throw new InvariantBrokenException($"FLV tag {i} is type {tags[i].Type} at {tags[i].Timestamp} ms with {tags[i].Data.Length} bytes; the publisher sent type {expected[i].Type} at {expected[i].Timestamp} ms with {expected[i].Data.Length}");
    }
}

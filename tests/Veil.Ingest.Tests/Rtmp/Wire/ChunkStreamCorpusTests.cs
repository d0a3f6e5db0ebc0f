using Veil.Fuzz.Runner;
using Veil.Fuzz.Targets;
using Veil.Ingest.Rtmp.Wire;
using Veil.TestSupport.Fuzzing;

namespace Veil.Ingest.Tests.Rtmp.Wire;

/// <summary>
/// The ChunkStream corpus (Corpus/ChunkStream): what ffmpeg, ffprobe and GStreamer (rtmp2sink and
/// librtmp's rtmpsink) sent after the handshake reads into the messages they sent; hand-made edge
/// cases read exactly; every cap breach is refused by name; mutations of them all are read or
/// refused with a protocol error, and leave no pooled buffer behind.
/// </summary>
public sealed class ChunkStreamCorpusTests
{
    private const string Parser = "ChunkStream";

    /// <summary>
    /// Each seed's outcome. Captures: the commands and data messages by name, then how many audio,
    /// video and other messages and their last time. Edge cases: every message as type:length@time.
    /// Breaches: the protocol error's words.
    /// </summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["ffmpeg-h264-aac.hex"] = "connect releaseStream FCPublish createStream publish @setDataFrame | audio 10 to 363 ms | video 5 to 300 ms",
        ["ffmpeg-h264-video-only.hex"] = "connect releaseStream FCPublish createStream publish @setDataFrame | video 11 to 900 ms",
        ["ffmpeg-extended-timestamps.hex"] = "connect releaseStream FCPublish createStream publish @setDataFrame | audio 18 to 16777648 ms | video 7 to 16777600 ms",
        ["ffprobe-play.hex"] = "connect createStream getStreamLength play | other 5 4",
        ["gstreamer-rtmp2sink-h264-aac.hex"] = "connect releaseStream FCPublish createStream publish @setDataFrame | audio 3 to 23 ms | video 2 to 0 ms | other 5",
        ["gstreamer-rtmpsink-librtmp-h264.hex"] = "connect releaseStream FCPublish createStream publish @setDataFrame | video 2 to 0 ms",
        ["edge-abort.hex"] = "9:10@0",
        ["edge-chunk-size-changes.hex"] = "20:5@0 9:300@0 9:150@0",
        ["edge-chunk-stream-ids.hex"] = "20:10@0 20:10@0 20:10@0 20:10@0 20:10@5",
        ["edge-control-messages.hex"] = "5:4@0 3:4@0 6:5@0 4:10@0",
        ["edge-extended-timestamps.hex"] = "9:300@16777216 9:300@33554432 9:300@50331648",
        ["edge-interleaved.hex"] = "8:300@0 9:300@0 8:4@23 9:300@40",
        ["edge-timestamp-wraps.hex"] = "9:8@4294967280 9:8@16",
        ["edge-zero-length.hex"] = "9:0@10 9:0@20 8:0@40 8:4@60",
        ["breach-65-chunk-streams.hex"] = "error: more than 64 chunk streams",
        ["breach-abort-cut-short.hex"] = "error: Abort Message of 1 bytes (needs 4)",
        ["breach-message-over-4-mib.hex"] = "error: over the 4096 KiB limit",
        ["breach-reassembly-over-8-mib.hex"] = "error: over the session's 8192 KiB",
        ["breach-set-chunk-size-cut-short.hex"] = "error: Set Chunk Size of 2 bytes (needs 4)",
        ["breach-set-chunk-size-over-limit.hex"] = "error: chunk size 5242880 is out of range",
        ["breach-set-chunk-size-zero.hex"] = "error: chunk size 0 is out of range",
        ["breach-type1-mid-message.hex"] = "error: a type 1 header in the middle of a message",
        ["breach-type3-first.hex"] = "error: starts with a type 3 header",
    };

    public static TheoryData<string> Seeds => new(Corpora.Ingest.FileNames(Parser));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Each_seed_reads_into_its_messages_or_is_refused_by_name(string name)
    {
        Assert.True(Expected.TryGetValue(name, out var expected), $"{name} has no expected outcome in this test");
        var messages = new List<(byte Type, uint Time, int Length, string? Name)>();
        string outcome;
        try
        {
            bool edge = name.StartsWith("edge-");
            ChunkStreamTarget.Read(Corpora.Ingest.ReadHex(Parser, name), m => messages.Add((m.Type, m.Timestamp, m.Length,
                !edge && m.Type is RtmpMessage.Command or RtmpMessage.Data ? Amf0.ReadAll(m.Payload)[0] as string : null)));
            outcome = edge ? string.Join(" ", messages.Select(m => $"{m.Type}:{m.Length}@{m.Time}")) : Outline(messages);
        }
        catch (RtmpProtocolException e) { outcome = "error: " + e.Message; }
        if (expected.StartsWith("error: ")) Assert.Contains(expected[7..], outcome);
        else Assert.True(outcome == expected, $"{name} reads as\n  {outcome}\nnot as\n  {expected}");
    }

    [Fact]
    public void Mutated_chunk_streams_are_read_or_refused_with_a_protocol_error_and_hold_no_buffer_after()
    {
        FuzzResult? result = null;
        FuzzInput.WithinDeadline(() => result = new FuzzRun(new ChunkStreamTarget(), 5000, seed: 14).Run());
        Assert.True(result!.Crashes + result.Hangs == 0, string.Join("\n", result.Findings));
        Assert.True(result.Taken > 0 && result.Refused > 0, $"{result.Taken} taken, {result.Refused} refused: the mutations should reach both");
    }

    private static string Outline(List<(byte Type, uint Time, int Length, string? Name)> messages)
    {
        var parts = new List<string> { string.Join(" ", messages.Where(m => m.Name is not null).Select(m => m.Name)) };
        foreach (var (type, label) in new[] { (RtmpMessage.Audio, "audio"), (RtmpMessage.Video, "video") })
        {
            var media = messages.Where(m => m.Type == type).ToList();
            if (media.Count > 0) parts.Add($"{label} {media.Count} to {media.Max(m => m.Time)} ms");
        }
        var other = messages.Where(m => m.Type is not (RtmpMessage.Audio or RtmpMessage.Video or RtmpMessage.Command or RtmpMessage.Data)).Select(m => m.Type.ToString()).ToList();
        if (other.Count > 0) parts.Add("other " + string.Join(" ", other));
        return string.Join(" | ", parts);
    }
}

using Veil.Fuzz.Runner;
using Veil.Fuzz.Targets;
using Veil.Ingest.Rtmp.Wire;
using Veil.TestSupport;
using Veil.TestSupport.Fuzzing;

namespace Veil.Ingest.Tests.Rtmp;

/// <summary>
/// The FlvTag corpus (Corpus/FlvTag) through the RTMP ingest's FLV writer: FLV files from ffmpeg and
/// GStreamer's flvmux, the media messages of the RTMP captures, single tags. The header names the
/// tracks the publisher has, every tag that belongs in the stream comes out as it went in, ffprobe
/// reads the result as the publisher's streams; mutations never break the stream.
/// </summary>
public sealed class FlvTagCorpusTests
{
    private const string Parser = "FlvTag";

    /// <summary>Each seed's FLV stream: the tracks its header names, then its tags by type (a lone sequence header is held for company).</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["aac-audio-specific-config.hex"] = "nothing written",
        ["audio-only-no-metadata.hex"] = "audio: 70 audio",
        ["avc-sequence-header.hex"] = "nothing written",
        ["ffmpeg-flv-h264-aac.hex"] = "audio+video: 1 script, 6 video, 11 audio",
        ["ffmpeg-flv-video-only.hex"] = "video: 1 script, 12 video",
        ["ffmpeg-onmetadata-audio-video.hex"] = "audio+video: 1 script",
        ["ffmpeg-onmetadata-video-only.hex"] = "video: 1 script",
        ["gstreamer-flvmux-h264-aac.hex"] = "audio+video: 1 script, 2 video, 1 audio",
        ["gstreamer-flvmux-onmetadata.hex"] = "audio+video: 1 script",
        ["rtmp-ffmpeg-h264-aac.hex"] = "audio+video: 1 script, 5 video, 10 audio",
        ["rtmp-gstreamer-rtmp2sink-h264-aac.hex"] = "audio+video: 1 script, 2 video, 3 audio",
    };

    public static TheoryData<string> Seeds => new(Corpora.Ingest.FileNames(Parser));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Each_seed_comes_out_as_an_flv_stream_naming_its_tracks(string name)
    {
        Assert.True(Expected.TryGetValue(name, out var expected), $"{name} has no expected outcome in this test");
        var output = FlvTagTarget.Publish(Corpora.Ingest.ReadHex(Parser, name));
        Assert.True(Outline(output) == expected, $"{name} comes out as\n  {Outline(output)}\nnot as\n  {expected}");
    }

    [Theory]
    [InlineData("ffmpeg-flv-h264-aac.hex", "h264 160x120, aac")]
    [InlineData("ffmpeg-flv-video-only.hex", "h264 160x120")]
    [InlineData("gstreamer-flvmux-h264-aac.hex", "h264 160x120, aac")]
    [InlineData("rtmp-ffmpeg-h264-aac.hex", "h264 160x120, aac")]
    [InlineData("rtmp-gstreamer-rtmp2sink-h264-aac.hex", "h264 160x120, aac")]
    public async Task Ffprobe_reads_the_stream_a_real_publisher_sent_as_its_tracks(string name, string streams)
    {
        string path = Path.Combine(SharedData.OutDirectory("fuzz-flv"), Path.ChangeExtension(name, ".flv"));
        await File.WriteAllBytesAsync(path, FlvTagTarget.Publish(Corpora.Ingest.ReadHex(Parser, name)));
        var probe = await FfTools.ProbeAsync(path);
        Assert.Equal(streams, string.Join(", ", probe.Streams.Select(s => s.CodecType == "video" ? $"{s.CodecName} {s.Width}x{s.Height}" : s.CodecName)));
    }

    [Fact]
    public void Mutated_tags_always_come_out_as_a_well_formed_flv_stream()
    {
        FuzzResult? result = null;
        FuzzInput.WithinDeadline(() => result = new FuzzRun(new FlvTagTarget(), 5000, seed: 14).Run());
        Assert.True(result!.Crashes + result.Hangs == 0, string.Join("\n", result.Findings));
    }

    private static string Outline(byte[] flv)
    {
        if (flv.Length == 0) return "nothing written";
        string tracks = flv[4] switch { 0x05 => "audio+video", 0x04 => "audio", 0x01 => "video", _ => $"flags {flv[4]:x2}" };
        var tags = FlvTags.Read(flv.AsSpan(FlvTag.FileHeaderSize), checkTrailers: true, out _);
        return $"{tracks}: " + string.Join(", ", tags.GroupBy(t => t.Type).Select(g => $"{g.Count()} {g.Key switch { FlvTag.Audio => "audio", FlvTag.Video => "video", _ => "script" }}"));
    }
}

using System.Text;
using System.Text.Json;
using Veil.WebRtc.Matroska;

namespace Veil.WebRtc.Tests.Matroska;

/// <summary>Real encoder output muxed by the writer, then read back by ffprobe through a pipe, as FFmpeg will read it live.</summary>
public sealed class MatroskaLiveWriterTests(SampleMedia media) : IClassFixture<SampleMedia>
{
    private sealed record Item(long Timestamp, bool IsVideo, byte[] Data, bool Keyframe);

    [Fact]
    public void Two_seconds_of_h264_and_opus_read_back_as_50_frames_and_an_opus_stream()
    {
        var (bytes, writer, chunks) = Mux(MatroskaVideoCodec.H264, Video(media.H264AccessUnits, SampleMedia.IsH264Keyframe), Audio(0));
        Assert.Equal(0, writer.DroppedVideoFrames + writer.DroppedAudioPackets);
        Assert.Equal(chunks.Count, chunks.Distinct().Count()); // each chunk is its own array
        Assert.Equal([0x1A, 0x45, 0xDF, 0xA3], bytes[..4]);
        Assert.Contains("matroska", Encoding.ASCII.GetString(bytes[..64]));

        var streams = Streams(bytes);
        var video = streams.Single(s => s.GetProperty("codec_type").GetString() == "video");
        Assert.Equal("h264", video.GetProperty("codec_name").GetString());
        Assert.Equal((320, 240), (video.GetProperty("width").GetInt32(), video.GetProperty("height").GetInt32()));
        Assert.Equal("50", video.GetProperty("nb_read_frames").GetString());
        var audio = streams.Single(s => s.GetProperty("codec_type").GetString() == "audio");
        Assert.Equal(("opus", "48000", 2), (audio.GetProperty("codec_name").GetString(), audio.GetProperty("sample_rate").GetString(), audio.GetProperty("channels").GetInt32()));
        AssertMonotonic(bytes, expectedVideo: 50, expectedAudio: media.OpusPackets.Count);
    }

    [Fact]
    public void Two_seconds_of_vp8_and_opus_read_back_as_webm()
    {
        var (bytes, writer, _) = Mux(MatroskaVideoCodec.Vp8, Video(media.Vp8Frames, SampleMedia.IsVp8Keyframe), Audio(0));
        Assert.Equal(0, writer.DroppedVideoFrames);
        Assert.Contains("webm", Encoding.ASCII.GetString(bytes[..64]));
        var video = Streams(bytes).Single(s => s.GetProperty("codec_type").GetString() == "video");
        Assert.Equal(("vp8", 320, 240), (video.GetProperty("codec_name").GetString(), video.GetProperty("width").GetInt32(), video.GetProperty("height").GetInt32()));
        Assert.Equal("50", video.GetProperty("nb_read_frames").GetString());
        AssertMonotonic(bytes, expectedVideo: 50, expectedAudio: media.OpusPackets.Count);
    }

    [Fact]
    public void Video_before_the_first_keyframe_is_dropped_and_the_rest_plays_from_the_next_one()
    {
        var video = Video(media.H264AccessUnits, SampleMedia.IsH264Keyframe).Skip(5).ToList(); // joins mid-GOP: frames 5-24 cannot be decoded
        var (bytes, writer, _) = Mux(MatroskaVideoCodec.H264, video, Audio(0));
        Assert.Equal(20, writer.DroppedVideoFrames);
        Assert.Equal(50, writer.DroppedAudioPackets); // the first second of audio came before the header could be written
        var stream = Streams(bytes).Single(s => s.GetProperty("codec_type").GetString() == "video");
        Assert.Equal("25", stream.GetProperty("nb_read_frames").GetString());
        AssertMonotonic(bytes, expectedVideo: 25, expectedAudio: media.OpusPackets.Count - 50);
    }

    [Fact]
    public void A_stream_whose_audio_starts_half_a_second_before_video_is_still_valid()
    {
        var video = Video(media.H264AccessUnits, SampleMedia.IsH264Keyframe).Select(v => v with { Timestamp = v.Timestamp + 500 }).ToList();
        var (bytes, writer, _) = Mux(MatroskaVideoCodec.H264, video, Audio(0));
        Assert.False(writer.DroppedVideoFrames > 0);
        Assert.Equal(25, writer.DroppedAudioPackets); // 0-480 ms
        var streams = Streams(bytes);
        Assert.Equal("50", streams.Single(s => s.GetProperty("codec_type").GetString() == "video").GetProperty("nb_read_frames").GetString());
        Assert.Single(streams, s => s.GetProperty("codec_type").GetString() == "audio");
        AssertMonotonic(bytes, expectedVideo: 50, expectedAudio: media.OpusPackets.Count - 25);
    }

    [Fact]
    public void Audio_without_an_audio_track_is_a_programming_error()
    {
        var writer = new MatroskaLiveWriter(_ => { }, MatroskaVideoCodec.Vp8, withOpusAudio: false);
        Assert.Throws<InvalidOperationException>(() => writer.WriteAudio(0, [1, 2, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteVideo(-1, media.Vp8Frames[0], true));
    }

    [Fact]
    public void Random_and_damaged_frames_are_dropped_or_written_but_never_throw()
    {
        var random = new Random(9559);
        foreach (var codec in new[] { MatroskaVideoCodec.H264, MatroskaVideoCodec.Vp8 })
        {
            var writer = new MatroskaLiveWriter(_ => { }, codec, withOpusAudio: true);
            var real = codec == MatroskaVideoCodec.H264 ? media.H264AccessUnits : media.Vp8Frames;
            for (int i = 0; i < 5_000; i++)
            {
                var frame = (byte[])real[random.Next(real.Count)].Clone();
                for (int k = random.Next(0, 8); k > 0; k--) frame[random.Next(frame.Length)] = (byte)random.Next(256);
                if (random.Next(4) == 0) frame = frame[..random.Next(frame.Length)];
                writer.WriteVideo(random.Next(0, 100_000), frame, random.Next(2) == 0);
                writer.WriteAudio(random.Next(0, 100_000), frame.AsSpan(0, Math.Min(frame.Length, 40)));
            }
        }
    }

    private static (byte[] Bytes, MatroskaLiveWriter Writer, List<byte[]> Chunks) Mux(MatroskaVideoCodec codec, IEnumerable<Item> video, IEnumerable<Item> audio)
    {
        var chunks = new List<byte[]>();
        var writer = new MatroskaLiveWriter(chunks.Add, codec, withOpusAudio: true);
        foreach (var item in video.Concat(audio).OrderBy(i => i.Timestamp).ThenBy(i => i.IsVideo ? 0 : 1))
        {
            if (item.IsVideo) writer.WriteVideo(item.Timestamp, item.Data, item.Keyframe);
            else writer.WriteAudio(item.Timestamp, item.Data);
        }
        return (chunks.SelectMany(c => c).ToArray(), writer, chunks);
    }

    private static List<Item> Video(IReadOnlyList<byte[]> frames, Func<byte[], bool> isKeyframe) =>
        frames.Select((f, i) => new Item(i * SampleMedia.FrameMilliseconds, true, f, isKeyframe(f))).ToList();

    private List<Item> Audio(long start) =>
        media.OpusPackets.Select((p, i) => new Item(start + i * SampleMedia.OpusMilliseconds, false, p, true)).ToList();

    private static List<JsonElement> Streams(byte[] mkv)
    {
        using var json = JsonDocument.Parse(MediaTool.Ffprobe(mkv, "-show_streams", "-count_frames", "-of", "json"));
        return json.RootElement.GetProperty("streams").EnumerateArray().Select(s => s.Clone()).ToList();
    }

    /// <summary>Per stream, packet timestamps rise strictly, and every packet written is there.</summary>
    private static void AssertMonotonic(byte[] mkv, int expectedVideo, int expectedAudio)
    {
        using var json = JsonDocument.Parse(MediaTool.Ffprobe(mkv, "-show_packets", "-show_entries", "packet=stream_index,pts", "-of", "json"));
        var byStream = json.RootElement.GetProperty("packets").EnumerateArray()
            .GroupBy(p => p.GetProperty("stream_index").GetInt32())
            .ToDictionary(g => g.Key, g => g.Select(p => p.GetProperty("pts").GetInt64()).ToList());
        Assert.Equal(expectedVideo, byStream[0].Count);
        Assert.Equal(expectedAudio, byStream[1].Count);
        foreach (var pts in byStream.Values)
            for (int i = 1; i < pts.Count; i++) Assert.True(pts[i] > pts[i - 1], $"pts {pts[i]} after {pts[i - 1]}");
    }
}

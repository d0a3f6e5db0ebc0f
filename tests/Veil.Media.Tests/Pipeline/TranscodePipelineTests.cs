using Veil.Media.Pipeline;
using Veil.TestSupport;

namespace Veil.Media.Tests.Pipeline;

public sealed class TranscodePipelineTests
{
    [Fact]
    public async Task KeepsFramesDurationAndAudio()
    {
        var dir = SharedData.OutDirectory("media-tests");
        string input = Path.Combine(dir, "av.mp4"), output = Path.Combine(dir, "av-out.mkv");
        await FfTools.GenerateClipAsync(input, 320, 240, 25, 3, withAudio: true);

        var processor = new CountingProcessor();
        using (var pipeline = TranscodePipeline.Create(new TranscodeRequest(input, [output]), processor))
        {
            var result = await pipeline.RunAsync();
            Assert.Equal(75, result.FramesEncoded);
            Assert.Equal([(320, 240, 0L)], processor.Prepared); // once, with the size, before the first frame
            Assert.Equal(AudioMode.Copy, result.Audio);
        }
        Assert.Equal(75, processor.Frames);
        var probe = await FfTools.ProbeAsync(output);
        Assert.Equal(75, probe.Video.NbReadFrames);
        Assert.NotNull(probe.Audio);
    }

    [Fact]
    public async Task A_looped_file_runs_on_with_its_timestamps_continuing()
    {
        var dir = SharedData.OutDirectory("media-tests");
        string input = Path.Combine(dir, "loop.mp4"), output = Path.Combine(dir, "loop-out.mkv");
        await FfTools.GenerateClipAsync(input, 320, 240, 25, 2, withAudio: true);
        var request = new TranscodeRequest(input, [output])
        {
            InputOptions = new global::Veil.Media.Demux.InputOptions { Loop = true },
            MaxDuration = TimeSpan.FromSeconds(5),
        };
        using (var pipeline = TranscodePipeline.Create(request, new CountingProcessor()))
        {
            var result = await pipeline.RunAsync();
            // 5 s of a 2 s clip: two and a half passes (each rejoin may skip a frame or two of audio priming).
            Assert.InRange(result.FramesEncoded, 118, 126);
        }
        var probe = await FfTools.ProbeAsync(output);
        Assert.InRange(probe.Video.NbReadFrames!.Value, 118, 126);
        Assert.InRange(probe.FormatDuration!.Value, 4.9, 5.2); // timestamps ran on instead of jumping back
        Assert.NotNull(probe.Audio);
    }

    [Fact]
    public async Task A_stream_fed_byte_by_byte_from_veil_is_demuxed_like_the_file()
    {
        var dir = SharedData.OutDirectory("media-tests");
        string flv = Path.Combine(dir, "feed.flv"), output = Path.Combine(dir, "feed-out.mkv");
        await FfTools.GenerateClipAsync(flv, 320, 240, 25, 2, withAudio: true);
        var feed = new global::Veil.Media.Demux.StreamFeed(capacityBytes: 16 << 10); // small: the writer must wait for the reader
        var writer = Task.Run(() =>
        {
            var bytes = File.ReadAllBytes(flv);
            for (int i = 0; i < bytes.Length; i += 1000) feed.Write(bytes.AsSpan(i, Math.Min(1000, bytes.Length - i)));
            feed.Complete();
        });
        var request = new TranscodeRequest("rtmp push (test)", [output]) { InputOptions = new global::Veil.Media.Demux.InputOptions { Feed = feed, Format = "flv" } };
        using (var pipeline = TranscodePipeline.Create(request, new CountingProcessor()))
        {
            var result = await pipeline.RunAsync();
            Assert.Equal(50, result.FramesEncoded);
            Assert.Equal(AudioMode.Copy, result.Audio);
        }
        await writer;
        Assert.Equal(50, (await FfTools.ProbeAsync(output)).Video.NbReadFrames);
    }

    [Fact]
    public async Task ProcessorFailureStopsTheRunWithItsError()
    {
        var dir = SharedData.OutDirectory("media-tests");
        string input = Path.Combine(dir, "fail.mp4"), output = Path.Combine(dir, "fail-out.mp4");
        await FfTools.GenerateClipAsync(input, 320, 240, 25, 2, withAudio: false);
        using var pipeline = TranscodePipeline.Create(new TranscodeRequest(input, [output]), new CountingProcessor(failAt: 10));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.RunAsync());
        Assert.Contains("frame 10", e.Message);
        Assert.True(pipeline.FramesEncoded <= 10);
    }
}

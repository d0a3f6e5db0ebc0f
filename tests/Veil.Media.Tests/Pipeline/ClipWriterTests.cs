using Veil.Media.Mux;
using Veil.TestSupport;

namespace Veil.Media.Tests.Pipeline;

/// <summary>The event clip: pictures in memory to a small H.264 MP4 that ffprobe reads back frame for frame.</summary>
public sealed class ClipWriterTests
{
    [Fact]
    public async Task Pictures_in_memory_become_an_mp4_with_every_frame()
    {
        const int Width = 160, Height = 90, Frames = 24;
        var pictures = Enumerable.Range(0, Frames).Select(i =>
        {
            var frame = new byte[Width * Height * 3 / 2];
            Array.Fill(frame, (byte)128);
            frame.AsSpan(0, Width * Height).Fill((byte)(i * 10)); // brightness steps, so frames differ
            return frame;
        }).ToList();

        byte[] mp4 = ClipWriter.Mp4(Width, Height, 12, pictures);

        string path = Path.Combine(SharedData.OutDirectory("media-tests"), "clip.mp4");
        await File.WriteAllBytesAsync(path, mp4);
        var probe = await FfTools.ProbeAsync(path);
        Assert.Equal("h264", probe.Video.CodecName);
        Assert.Equal((Width, Height), (probe.Video.Width, probe.Video.Height));
        Assert.Equal(Frames, probe.Video.NbReadFrames);
        Assert.InRange(probe.FormatDuration!.Value, 1.9, 2.1); // 24 frames at 12 fps
        Assert.Throws<ArgumentException>(() => ClipWriter.Mp4(Width, Height, 12, [new byte[10]]));
    }
}

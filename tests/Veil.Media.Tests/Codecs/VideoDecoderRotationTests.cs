using Veil.Core.Frames;
using Veil.Media.Codecs;
using Veil.Media.Demux;
using Veil.TestSupport;
using Veil.TestSupport.Logging;
using static Veil.TestSupport.DisplayMatrixClips;

namespace Veil.Media.Tests.Codecs;

/// <summary>
/// A phone records portrait video sideways and says so in a display matrix; players turn it
/// upright. The decoder must hand on the picture the player shows: the same size and, pixel for
/// pixel, what Debian's ffmpeg (which turns pictures upright by default) decodes from the file.
/// Every rotation and mirror a matrix of right angles can describe is checked, on a size that is
/// not a multiple of the transform's tiles, for I420 (turned straight from the decoder's picture)
/// and 4:4:4 (converted first) sources.
/// </summary>
public sealed class VideoDecoderRotationTests
{
    private const int CodedWidth = 208, CodedHeight = 120, Frames = 12;

    /// <summary>name, the rotate tag ffmpeg writes a matrix for, and the matrix written over it instead (ffmpeg 5.1 cannot write mirrors).</summary>
    public static TheoryData<string, int, int[]?> Matrices() => new()
    {
        { "rotate-tag-90", 90, null },
        { "rotate-tag-180", 180, null },
        { "rotate-tag-270", 270, null },
        { "mirror-horizontal", 90, [-One, 0, 0, 0, One, 0, 0, 0, OneW] },
        { "mirror-vertical", 90, [One, 0, 0, 0, -One, 0, 0, 0, OneW] },
        { "transpose", 90, [0, One, 0, One, 0, 0, 0, 0, OneW] },
        { "anti-transpose", 90, [0, -One, 0, -One, 0, 0, 0, 0, OneW] },
        { "rotate-clockwise-phone", 90, [0, One, 0, -One, 0, 0, CodedHeight * One, 0, OneW] }, // as an iPhone writes portrait
    };

    [Theory]
    [MemberData(nameof(Matrices))]
    public async Task Decoded_frames_are_upright_as_ffmpeg_shows_them(string name, int tag, int[]? matrix)
    {
        string clip = await MakeClipAsync(name, tag, matrix, "yuv420p");
        await AssertMatchesFfmpegAsync(clip, exactChroma: true);
    }

    [Fact]
    public async Task A_matrix_that_holds_no_rotation_leaves_the_picture_as_coded_and_is_told_once()
    {
        string clip = await MakeClipAsync("degenerate", 90, [0, 0, 0, 0, 0, 0, 0, 0, OneW], "yuv420p");
        var told = new CapturingLogger();
        using var input = MediaInput.Open(clip);
        using (var decoder = new VideoDecoder(input, input.BestVideo!, told))
            Assert.Equal((CodedWidth, CodedHeight), (decoder.Width, decoder.Height));
        Assert.Equal(["video stream #0: its display matrix holds no rotation (degenerate); the picture is kept as coded"], told.Lines.Select(l => l.Text));
        await AssertMatchesFfmpegAsync(clip, exactChroma: true); // ffmpeg leaves it alone too
    }

    [Theory]
    [InlineData("rotate-tag-90-yuv444", 90)]
    [InlineData("rotate-tag-180-yuv444", 180)]
    public async Task A_picture_that_needs_converting_is_turned_upright_too(string name, int degrees)
    {
        string clip = await MakeClipAsync(name, degrees, null, "yuv444p");
        await AssertMatchesFfmpegAsync(clip, exactChroma: false); // swscale's and ffmpeg's chroma filters differ a little
    }

    [Fact]
    public async Task Turning_frames_upright_allocates_nothing_once_warm()
    {
        string clip = await MakeClipAsync("alloc-90", 90, null, "yuv420p", seconds: 4);
        using var input = MediaInput.Open(clip);
        using var decoder = new VideoDecoder(input, input.BestVideo!);
        Assert.Equal((CodedHeight, CodedWidth), (decoder.Width, decoder.Height));
        using var packets = new PacketPool();
        var packet = packets.Rent();
        int frames = 0;
        long allocated = 0;
        while (input.TryReadPacket(packet))
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            decoder.Send(packet);
            while (decoder.TryReceive(0, out var frame))
            {
                frames++;
                frame!.Release();
            }
            if (frames > 10) allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }
        packets.Return(packet);
        Assert.True(frames > 50);
        Assert.True(allocated == 0, $"{allocated} managed bytes allocated over {frames - 10} upright frames once warm");
        Assert.True(decoder.Pool.Allocated <= 2, $"the pool grew to {decoder.Pool.Allocated} frames for one frame out at a time");
    }

    /// <summary>testsrc2 (asymmetric: a clock top left, colour bars, a moving gradient) coded at 208x120, then given the matrix.</summary>
    private static async Task<string> MakeClipAsync(string name, int tag, int[]? matrix, string pixelFormat, int seconds = 0)
    {
        string dir = SharedData.OutDirectory("decoder-rotation");
        string coded = Path.Combine(dir, name + "-coded.mp4"), clip = Path.Combine(dir, name + ".mp4");
        string duration = seconds > 0 ? $"duration={seconds}" : $"duration={Frames / 25.0:0.00}";
        (await FfTools.RunFfmpegAsync(["-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=size={CodedWidth}x{CodedHeight}:rate=25:{duration}",
            "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", pixelFormat, coded])).EnsureSuccess();
        await TagRotationAsync(coded, clip, tag);
        if (matrix is not null) SetMatrix(clip, matrix);
        Assert.NotNull(await ReadAsync(clip)); // the clip really carries a matrix
        return clip;
    }

    private static async Task AssertMatchesFfmpegAsync(string clip, bool exactChroma)
    {
        // What a player shows: ffmpeg turns the picture upright by default.
        string raw = Path.ChangeExtension(clip, ".yuv"), still = Path.ChangeExtension(clip, ".png");
        (await FfTools.RunFfmpegAsync(["-v", "error", "-y", "-i", clip, "-f", "rawvideo", "-pix_fmt", "yuv420p", raw])).EnsureSuccess();
        (await FfTools.RunFfmpegAsync(["-v", "error", "-y", "-i", clip, "-frames:v", "1", still])).EnsureSuccess();
        var shown = (await FfTools.ProbeAsync(still)).Video; // a quarter turn and a mirror have the same area: the still tells the size
        byte[] expected = File.ReadAllBytes(raw);

        using var input = MediaInput.Open(clip);
        using var decoder = new VideoDecoder(input, input.BestVideo!);
        Assert.Equal((shown.Width, shown.Height), (decoder.Width, decoder.Height));
        var frames = Decode(input, decoder);
        int frameSize = I420Size(decoder.Width, decoder.Height), lumaSize = decoder.Width * decoder.Height;
        Assert.Equal(expected.Length / frameSize, frames.Count);
        // The size alone cannot tell a clockwise turn from an anticlockwise one or a mirror: the pixels can.
        for (int i = 0; i < frames.Count; i++)
        {
            var want = expected.AsSpan(i * frameSize, frameSize);
            Assert.True(want[..lumaSize].SequenceEqual(frames[i].AsSpan(0, lumaSize)), $"{Path.GetFileName(clip)}: luma of frame {i} differs from ffmpeg's");
            if (exactChroma) Assert.True(want.SequenceEqual(frames[i]), $"{Path.GetFileName(clip)}: chroma of frame {i} differs from ffmpeg's");
            else Assert.True(MeanAbsDiff(want[lumaSize..], frames[i].AsSpan(lumaSize)) < 2, $"{Path.GetFileName(clip)}: chroma of frame {i} is not ffmpeg's");
        }
    }

    private static int I420Size(int w, int h) => w * h + 2 * ((w + 1) / 2) * ((h + 1) / 2);

    private static unsafe List<byte[]> Decode(MediaInput input, VideoDecoder decoder)
    {
        var frames = new List<byte[]>();
        using var packets = new PacketPool();
        var packet = packets.Rent();
        void Drain()
        {
            while (decoder.TryReceive(0, out var frame))
            {
                frames.Add(Bytes(frame!.Planes));
                frame.Release();
            }
        }
        while (input.TryReadPacket(packet))
        {
            decoder.Send(packet);
            Drain();
        }
        decoder.Send(null);
        Drain();
        packets.Return(packet);
        return frames;
    }

    private static byte[] Bytes(YuvPlanes p)
    {
        var bytes = new byte[I420Size(p.Width, p.Height)];
        int at = 0;
        for (int y = 0; y < p.Height; y++, at += p.Width) p.YRow(y).CopyTo(bytes.AsSpan(at));
        for (int y = 0; y < p.ChromaHeight; y++, at += p.ChromaWidth) p.URow(y).CopyTo(bytes.AsSpan(at));
        for (int y = 0; y < p.ChromaHeight; y++, at += p.ChromaWidth) p.VRow(y).CopyTo(bytes.AsSpan(at));
        return bytes;
    }

    private static double MeanAbsDiff(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        long sum = 0;
        for (int i = 0; i < a.Length; i++) sum += Math.Abs(a[i] - b[i]);
        return (double)sum / a.Length;
    }
}

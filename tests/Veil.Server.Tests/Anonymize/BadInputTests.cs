using Veil.TestSupport;

namespace Veil.Server.Tests.Anonymize;

/// <summary>Each bad input ends with one clear line on stderr and a non-zero exit, never a crash or a hang.</summary>
public sealed class BadInputTests
{
    private static readonly string Dir = SharedData.OutDirectory("bad-input");

    private static async Task<string> ExpectOneLineFailure(params string[] args)
    {
        var run = await VeilProcess.RunAsync(TimeSpan.FromSeconds(60), [.. args, "--quiet", "--classes", "none"]);
        Assert.False(run.TimedOut, "veil hung");
        Assert.NotEqual(0, run.ExitCode);
        var lines = VeilProcess.ErrorLines(run);
        Assert.True(lines.Length == 1, "expected one line, got:\n" + run.StdErr);
        Assert.StartsWith("veil: error: ", lines[0]);
        return lines[0];
    }

    [Fact]
    public async Task MissingFile()
    {
        var line = await ExpectOneLineFailure("anonymize", Path.Combine(Dir, "nope.mp4"), "-o", Path.Combine(Dir, "o1.mp4"));
        Assert.Contains("does not exist", line);
        Assert.False(File.Exists(Path.Combine(Dir, "o1.mp4")));
    }

    [Fact]
    public async Task TextFileNamedMp4()
    {
        string fake = Path.Combine(Dir, "notes.mp4");
        await File.WriteAllTextAsync(fake, "this is not a video, just some text\n");
        var line = await ExpectOneLineFailure("anonymize", fake, "-o", Path.Combine(Dir, "o2.mp4"));
        Assert.Contains("cannot open input", line);
        Assert.Contains("Invalid data", line);
    }

    [Theory]
    [InlineData(false)] // index at the end: lost with the tail
    [InlineData(true)]  // index first (faststart): the data it points to is missing
    public async Task TruncatedMp4(bool faststart)
    {
        string whole = Path.Combine(Dir, $"whole-{faststart}.mp4"), cut = Path.Combine(Dir, $"cut-{faststart}.mp4");
        var args = new List<string> { "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=4", "-c:v", "libx264" };
        if (faststart) args.AddRange(["-movflags", "+faststart"]);
        args.Add(whole);
        (await FfTools.RunFfmpegAsync(args)).EnsureSuccess();
        var bytes = await File.ReadAllBytesAsync(whole);
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length / 2)]);

        var line = await ExpectOneLineFailure("anonymize", cut, "-o", Path.Combine(Dir, $"o3-{faststart}.mp4"));
        Assert.Matches("cannot open input|corrupt or cannot be read|truncated", line);
        Assert.False(File.Exists(Path.Combine(Dir, $"o3-{faststart}.mp4")), "a failed run must not leave a partial output");
    }

    [Fact]
    public async Task MaskOutsideTheFrame()
    {
        string clip = Path.Combine(Dir, "small.mp4");
        await FfTools.GenerateClipAsync(clip, 320, 240, 25, 1, withAudio: false);
        var line = await ExpectOneLineFailure("anonymize", clip, "-o", Path.Combine(Dir, "o4.mp4"), "--mask", "2000,10,50,50");
        Assert.Contains("outside", line);
        Assert.Contains("320x240", line);
    }

    [Fact]
    public async Task MalformedMask()
    {
        var line = await ExpectOneLineFailure("anonymize", "x.mp4", "-o", "y.mp4", "--mask", "10,20,abc,5");
        Assert.Contains("--mask", line);
    }

    [Fact]
    public async Task RtmpDestinationThatRefuses()
    {
        string clip = Path.Combine(Dir, "push.mp4");
        await FfTools.GenerateClipAsync(clip, 320, 240, 25, 1, withAudio: true);
        int closedPort = LoopbackPort.PickFree();
        var line = await ExpectOneLineFailure("anonymize", clip, "-o", $"rtmp://127.0.0.1:{closedPort}/live/x");
        Assert.Contains($"rtmp://127.0.0.1:{closedPort}/live/x", line);
        Assert.Contains("Connection refused", line);
    }

    [Fact]
    public async Task NvencWithoutAGpu()
    {
        string clip = Path.Combine(Dir, "nvenc.mp4");
        await FfTools.GenerateClipAsync(clip, 320, 240, 25, 1, withAudio: false);
        var line = await ExpectOneLineFailure("anonymize", clip, "-o", Path.Combine(Dir, "o6.mp4"), "--encoder", "nvenc");
        Assert.Contains("nvenc", line);
    }

    [Fact]
    public async Task UnreachableRtmpInput()
    {
        int closedPort = LoopbackPort.PickFree();
        var line = await ExpectOneLineFailure("anonymize", $"rtmp://127.0.0.1:{closedPort}/live/x", "-o", Path.Combine(Dir, "o5.mp4"));
        Assert.Contains("cannot open input", line);
    }
}

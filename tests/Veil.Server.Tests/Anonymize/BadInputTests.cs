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

    [Fact]
    public async Task Mp4CutShortBeforeItsIndex()
    {
        var (_, cut) = await WholeAndCutMp4("cut-short", faststart: false);
        var line = await ExpectOneLineFailure("anonymize", cut, "-o", Path.Combine(Dir, "o3.mp4"));
        Assert.Contains("cannot open input", line);
        Assert.Contains("cut short", line);
        Assert.DoesNotContain("damaged", line);
        Assert.False(File.Exists(Path.Combine(Dir, "o3.mp4")), "a failed run must not leave a partial output");
    }

    [Theory]
    [InlineData(false)] // the index ('moov') at the end
    [InlineData(true)]  // the index first (faststart)
    public async Task Mp4WithDamagedHeaderIsNotCalledTruncated(bool faststart)
    {
        var (whole, _) = await WholeAndCutMp4($"damaged-{faststart}", faststart);
        string damaged = Path.Combine(Dir, $"damaged-header-{faststart}.mp4");
        var bytes = await File.ReadAllBytesAsync(whole);
        Array.Fill(bytes, (byte)'X', 0, 48); // every byte still there, the first boxes' headers overwritten
        await File.WriteAllBytesAsync(damaged, bytes);

        var line = await ExpectOneLineFailure("anonymize", damaged, "-o", Path.Combine(Dir, $"o7-{faststart}.mp4"));
        Assert.Contains("cannot open input", line);
        Assert.Contains("damaged", line);
        Assert.DoesNotContain("truncated", line);
        Assert.DoesNotContain("cut short", line);
    }

    /// <summary>
    /// A faststart mp4 cut in half still has its whole index: the frames before the cut are kept,
    /// the run finishes the output, warns once with frames listed vs found, and exits 3.
    /// </summary>
    [Fact]
    public async Task FaststartMp4CutShortKeepsTheFramesBeforeTheCut()
    {
        var (_, cut) = await WholeAndCutMp4("faststart", faststart: true);
        string output = Path.Combine(Dir, "o8.mp4");
        File.Delete(output);

        var run = await VeilProcess.RunAsync(TimeSpan.FromSeconds(60), "anonymize", cut, "-o", output, "--quiet", "--classes", "none");

        Assert.False(run.TimedOut, "veil hung");
        Assert.True(run.ExitCode == 3, $"exit {run.ExitCode}:\n{run.StdErr}");
        var warning = Assert.Single(VeilProcess.ErrorLines(run));
        Assert.StartsWith("veil: warning: ", warning);
        Assert.Contains("truncated", warning);
        Assert.Contains("lists 100 video frames", warning);
        var probe = await FfTools.ProbeAsync(output);
        Assert.InRange(probe.Video.NbReadFrames!.Value, 40, 55); // about half of the 100
    }

    /// <summary>A 4 s, 100-frame mp4 and a copy of its first half.</summary>
    private static async Task<(string Whole, string Cut)> WholeAndCutMp4(string name, bool faststart)
    {
        string whole = Path.Combine(Dir, $"whole-{name}.mp4"), cut = Path.Combine(Dir, $"cut-{name}.mp4");
        var args = new List<string> { "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=4", "-c:v", "libx264" };
        if (faststart) args.AddRange(["-movflags", "+faststart"]);
        args.Add(whole);
        (await FfTools.RunFfmpegAsync(args)).EnsureSuccess();
        var bytes = await File.ReadAllBytesAsync(whole);
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length / 2)]);
        return (whole, cut);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("NaN")]
    public async Task NonsensicalDurationIsRefusedBeforeAnythingIsWritten(string seconds)
    {
        string clip = Path.Combine(Dir, "duration.mp4"), output = Path.Combine(Dir, $"o9-{seconds}.mp4");
        await FfTools.GenerateClipAsync(clip, 320, 240, 25, 1, withAudio: false);
        File.Delete(output);
        var line = await ExpectOneLineFailure("anonymize", clip, "-o", output, "--duration", seconds);
        Assert.Contains($"--duration {seconds}", line);
        Assert.False(File.Exists(output), "a refused run must not write an output");
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

using Veil.TestSupport;

namespace Veil.Server.Tests.Anonymize;

/// <summary>
/// An output that is the input, however it is named (another spelling, a symlink, a hard link),
/// is refused with one line before anything is opened: the user's file keeps every byte.
/// </summary>
public sealed class OutputIsInputTests
{
    [Theory]
    [InlineData("same path")]
    [InlineData("dot")]
    [InlineData("dot-dot")]
    [InlineData("file: URL")]
    [InlineData("symlink")]
    [InlineData("hard link")]
    public async Task VideoOutputThatIsTheInputIsRefused(string spelling)
    {
        string dir = FreshDirectory("video-" + spelling.Replace(' ', '-').Replace(":", ""));
        string input = Path.Combine(dir, "clip.mp4");
        await FfTools.GenerateClipAsync(input, 320, 240, 25, 1, withAudio: true);
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        string output = await NameForTheInput(spelling, dir, input);
        var before = await File.ReadAllBytesAsync(input);
        var filesBefore = Listing(dir);

        var line = await ExpectRefusal("anonymize", input, "-o", output, "--classes", "none", "--quiet");

        Assert.Contains("is the input", line);
        Assert.Equal(before, await File.ReadAllBytesAsync(input));
        Assert.Equal(filesBefore, Listing(dir));
    }

    [Fact]
    public async Task ImageOutputThatIsTheInputIsRefused()
    {
        string dir = FreshDirectory("image");
        string image = Path.Combine(dir, "photo.png");
        (await FfTools.RunFfmpegAsync(["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", image])).EnsureSuccess();
        var before = await File.ReadAllBytesAsync(image);

        var line = await ExpectRefusal("anonymize", image, "-o", image, "--mask", "10,10,100,100", "--classes", "none", "--quiet");

        Assert.Contains("is the input", line);
        Assert.Equal(before, await File.ReadAllBytesAsync(image));
        Assert.Equal(["photo.png"], Listing(dir));
    }

    [Fact]
    public async Task EvalBoxesOutThatIsTheLabelsFileIsRefused()
    {
        string dir = FreshDirectory("eval");
        (await FfTools.RunFfmpegAsync(["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", Path.Combine(dir, "a.png")])).EnsureSuccess();
        string labels = Path.Combine(dir, "labels.csv");
        await File.WriteAllTextAsync(labels, "image,x,y,w,h,class\na.png,10,10,40,40,face\n");

        var line = await ExpectRefusal("eval", labels, "--boxes-out", Path.Combine(dir, ".", "labels.csv"));

        Assert.Contains("is the input", line);
        Assert.Equal("image,x,y,w,h,class\na.png,10,10,40,40,face\n", await File.ReadAllTextAsync(labels));
    }

    private static async Task<string> ExpectRefusal(params string[] args)
    {
        var run = await VeilProcess.RunAsync(TimeSpan.FromSeconds(60), args);
        Assert.False(run.TimedOut, "veil hung");
        Assert.Equal(1, run.ExitCode);
        var lines = VeilProcess.ErrorLines(run);
        Assert.True(lines.Length == 1, "expected one line, got:\n" + run.StdErr);
        Assert.StartsWith("veil: error: ", lines[0]);
        return lines[0];
    }

    /// <summary>Another name for <paramref name="input"/>, made as <paramref name="spelling"/> says.</summary>
    private static async Task<string> NameForTheInput(string spelling, string dir, string input)
    {
        switch (spelling)
        {
            case "same path": return input;
            case "dot": return Path.Combine(dir, ".", "clip.mp4");
            case "dot-dot": return Path.Combine(dir, "sub", "..", "clip.mp4");
            case "file: URL": return "file:" + input;
            case "symlink":
                string link = Path.Combine(dir, "link.mp4");
                File.CreateSymbolicLink(link, input);
                return link;
            case "hard link":
                string hard = Path.Combine(dir, "hard.mp4");
                (await ChildProcess.RunAsync("ln", [input, hard], TimeSpan.FromSeconds(10))).EnsureSuccess();
                return hard;
            default: throw new ArgumentException(spelling);
        }
    }

    internal static string FreshDirectory(string name)
    {
        string dir = SharedData.OutDirectory(Path.Combine("output-files", name));
        Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Every file in the folder, hidden ones (a temporary output) included.</summary>
    internal static string[] Listing(string dir) => Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
}

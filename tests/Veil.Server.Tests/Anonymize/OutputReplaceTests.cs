using System.Text;
using Veil.TestSupport;

namespace Veil.Server.Tests.Anonymize;

/// <summary>
/// Outputs are written under a temporary name beside the final one and renamed only when the run
/// succeeds: a file already at the final name keeps every byte when the run fails or is cancelled,
/// and no temporary file is left behind in any case.
/// </summary>
public sealed class OutputReplaceTests
{
    private static readonly byte[] UsersFile = Encoding.UTF8.GetBytes("the user's own file, not Veil's\n");

    [Theory]
    [InlineData("mask outside the frame")]
    [InlineData("unreachable rtmp output")]
    public async Task FailedRunLeavesTheExistingFileAsItWas(string failure)
    {
        string dir = OutputIsInputTests.FreshDirectory("failed-" + failure.Replace(' ', '-'));
        string input = Path.Combine(dir, "clip.mp4"), output = Path.Combine(dir, "out.mp4");
        await FfTools.GenerateClipAsync(input, 320, 240, 25, 1, withAudio: true);
        await File.WriteAllBytesAsync(output, UsersFile);
        string[] why = failure == "mask outside the frame"
            ? ["--mask", "2000,10,50,50"]
            : ["-o", $"rtmp://127.0.0.1:{LoopbackPort.PickFree()}/live/x"];

        var run = await VeilProcess.RunAsync(TimeSpan.FromSeconds(60), ["anonymize", input, "-o", output, .. why, "--classes", "none", "--quiet"]);

        Assert.False(run.TimedOut, "veil hung");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("veil: error: ", Assert.Single(VeilProcess.ErrorLines(run)));
        Assert.Equal(UsersFile, await File.ReadAllBytesAsync(output));
        Assert.Equal(["clip.mp4", "out.mp4"], OutputIsInputTests.Listing(dir));
    }

    [Fact]
    public async Task CancelledRunLeavesTheExistingFileAndNoTemporaryFile()
    {
        string dir = OutputIsInputTests.FreshDirectory("cancelled");
        string input = Path.Combine(dir, "clip.mp4"), output = Path.Combine(dir, "out.mp4");
        await FfTools.GenerateClipAsync(input, 320, 240, 25, 30, withAudio: true);
        await File.WriteAllBytesAsync(output, UsersFile);

        await using var veil = VeilProcess.Start(new Dictionary<string, string>(), "anonymize", input, "-o", output, "--realtime", "--classes", "none", "--quiet");
        await WaitForTemporaryFile(dir, veil);
        int exit = await veil.StopAsync(TimeSpan.FromSeconds(20)); // SIGINT, as Ctrl+C

        Assert.True(exit == 130, $"exit {exit}:\n{veil.Output}");
        Assert.Equal(UsersFile, await File.ReadAllBytesAsync(output));
        Assert.Equal(["clip.mp4", "out.mp4"], OutputIsInputTests.Listing(dir));
    }

    [Fact]
    public async Task SuccessfulRunReplacesTheFileOnlyWhenFinishedAndLeavesNothingElse()
    {
        string dir = OutputIsInputTests.FreshDirectory("succeeded");
        string input = Path.Combine(dir, "clip.mp4"), mp4 = Path.Combine(dir, "out.mp4"), mkv = Path.Combine(dir, "out.mkv"), boxes = Path.Combine(dir, "boxes.jsonl");
        await FfTools.GenerateClipAsync(input, 320, 240, 25, 4, withAudio: true);
        foreach (var file in new[] { mp4, mkv, boxes }) await File.WriteAllBytesAsync(file, UsersFile);

        await using var veil = VeilProcess.Start(new Dictionary<string, string>(), "anonymize", input, "-o", mp4, "-o", mkv, "--boxes-out", boxes,
            "--realtime", "--mask", "10,10,100,100", "--classes", "none", "--quiet");
        await WaitForTemporaryFile(dir, veil);
        // While the run writes, a reader of the final names still finds the old files whole.
        foreach (var file in new[] { mp4, mkv, boxes }) Assert.Equal(UsersFile, await File.ReadAllBytesAsync(file));
        var exited = await WaitForExit(veil, TimeSpan.FromSeconds(60));

        Assert.True(exited == 0, $"exit {exited}:\n{veil.Output}");
        Assert.Equal(["boxes.jsonl", "clip.mp4", "out.mkv", "out.mp4"], OutputIsInputTests.Listing(dir));
        var probeMp4 = await FfTools.ProbeAsync(mp4);
        var probeMkv = await FfTools.ProbeAsync(mkv);
        Assert.Contains("mp4", probeMp4.FormatName); // the container still follows the final name's extension
        Assert.Contains("matroska", probeMkv.FormatName);
        Assert.Equal(100, probeMp4.Video.NbReadFrames);
        Assert.Equal(100, probeMkv.Video.NbReadFrames);
        Assert.NotEqual(UsersFile, await File.ReadAllBytesAsync(boxes));
    }

    private static async Task WaitForTemporaryFile(string dir, RunningProcess veil)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!OutputIsInputTests.Listing(dir).Any(f => f.Contains(".veil-tmp-")))
        {
            Assert.False(veil.HasExited, "veil ended before writing:\n" + veil.Output);
            Assert.True(DateTime.UtcNow < deadline, "no temporary output appeared beside the final names:\n" + veil.Output);
            await Task.Delay(50);
        }
    }

    private static async Task<int> WaitForExit(RunningProcess veil, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!veil.HasExited)
        {
            Assert.True(DateTime.UtcNow < deadline, "veil did not finish:\n" + veil.Output);
            await Task.Delay(100);
        }
        return await veil.StopAsync(TimeSpan.Zero);
    }
}

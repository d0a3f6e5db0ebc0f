using System.Net;
using System.Security.Cryptography;
using OpenCvSharp;
using Veil.Server.Tests.Detection;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.FirstRun;

/// <summary>
/// scripts/first-run.sh, what `scripts/run.sh` with no arguments runs after the build: the real traffic clip
/// fetched from its pinned URL (here a loopback server stands in for GitHub, as CI has no internet) and
/// kept only with the pinned sha256, else the same file from ../shared, else a generated pattern; then the
/// clip anonymized and a still of input | output, checked from its pixels.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class FirstRunScriptTests(ModelsFixture models, ITestOutputHelper log)
{
    private static readonly string Script = Path.Combine(SharedData.RepoRoot, "scripts", "first-run.sh");
    private static readonly string SharedClip = SharedData.Video("pran786_Yolo-licenseplate/license_plate.mp4");
    private static readonly string Veil = Path.Combine(AppContext.BaseDirectory, "veil");
    // At 4 s (the still's instant) the parked car's plate, left, and the painted arrows in the middle of the road
    // (detail a re-encode keeps, unlike flat tarmac): pixels of the 1280x720 frame.
    private static readonly Rect ParkedPlate = new(320, 410, 60, 22);
    private static readonly Rect Road = new(640, 300, 300, 150);

    [Fact]
    public async Task The_pinned_clip_is_fetched_verified_anonymized_and_shown_side_by_side()
    {
        string outDir = Fresh("fetched");
        await using var server = FileServer.Start(await File.ReadAllBytesAsync(SharedClip));
        var run = await RunAsync(outDir, server.Url, shared: Fresh("no-shared"));

        Assert.Contains($"fetching the sample clip from {server.Url}", run.StdOut);
        Assert.Equal(Sha256(SharedClip), Sha256(Path.Combine(outDir, "clip.mp4")));
        AssertRedactedStill(outDir);
    }

    [Fact]
    public async Task A_download_with_the_wrong_sha256_is_refused_and_the_shared_copy_used()
    {
        string outDir = Fresh("wrong-sha");
        var bytes = await File.ReadAllBytesAsync(SharedClip);
        bytes[^1] ^= 0xFF; // one byte off: a truncated or tampered download
        await using var server = FileServer.Start(bytes);
        var run = await RunAsync(outDir, server.Url, shared: SharedData.Root);

        Assert.Contains("is not the pinned", run.StdOut);
        Assert.Contains($"using the same clip from {SharedData.Root}", run.StdOut);
        Assert.Equal(Sha256(SharedClip), Sha256(Path.Combine(outDir, "clip.mp4")));
        Assert.False(File.Exists(Path.Combine(outDir, ".download.tmp")), "the refused download was left behind");
        AssertRedactedStill(outDir);
    }

    [Fact]
    public async Task Offline_without_shared_data_a_pattern_with_a_mask_is_anonymized()
    {
        string outDir = Fresh("offline");
        var run = await RunAsync(outDir, $"http://127.0.0.1:{LoopbackPort.PickFree()}/nothing.mp4", shared: Fresh("no-shared-either"));

        Assert.Contains("could not fetch it", run.StdOut);
        Assert.Contains("no real clip: generating a test pattern", run.StdOut);
        Assert.False(File.Exists(Path.Combine(outDir, "clip.mp4")));
        using var still = Cv2.ImRead(Path.Combine(outDir, "side-by-side.png"));
        Assert.Equal((2560, 720), (still.Width, still.Height));
        using var input = new Mat(still, new Rect(0, 0, 1280, 720));
        using var output = new Mat(still, new Rect(1280, 0, 1280, 720));
        Assert.True(ImageDetail.DetailCorrelation(input, output, new Rect(100, 100, 320, 240)) < 0.3, "the mask over the pattern shows detail");
    }

    private async Task<ProcessResult> RunAsync(string outDir, string url, string shared)
    {
        var environment = new Dictionary<string, string>(models.Environment) { ["VEIL_FIRST_RUN_URL"] = url, ["VEIL_SHARED"] = shared };
        var run = await ChildProcess.RunAsync("bash", [Script, Veil, outDir], TimeSpan.FromMinutes(5), environment: environment);
        log.WriteLine(run.StdOut);
        log.WriteLine(run.StdErr);
        Assert.True(run.ExitCode == 0, $"first-run.sh failed ({run.ExitCode}): {run.StdErr}");
        Assert.Contains($"(input | output): {Path.Combine(outDir, "side-by-side.png")}", run.StdOut);
        Assert.False(File.Exists(Path.Combine(outDir, ".download.tmp")));
        return run;
    }

    /// <summary>The still holds the clip on the left and its anonymized output on the right: the parked car's plate hidden, the road kept.</summary>
    private void AssertRedactedStill(string outDir)
    {
        Assert.True(new FileInfo(Path.Combine(outDir, "anonymized.mp4")).Length > 100_000, "no anonymized clip");
        using var still = Cv2.ImRead(Path.Combine(outDir, "side-by-side.png"));
        Assert.Equal((2560, 720), (still.Width, still.Height));
        using var input = new Mat(still, new Rect(0, 0, 1280, 720));
        using var output = new Mat(still, new Rect(1280, 0, 1280, 720));
        double plate = ImageDetail.DetailCorrelation(input, output, ParkedPlate), road = ImageDetail.DetailCorrelation(input, output, Road);
        log.WriteLine($"detail kept: plate {plate:0.00}, road {road:0.00}");
        Assert.True(ImageDetail.LaplacianVariance(new Mat(input, ParkedPlate)) > 100, "the input still has no plate where expected: not the clip");
        Assert.True(plate < 0.3, $"the parked car's plate keeps {plate:0.00} of its detail");
        Assert.True(road > 0.85, $"the road's arrows keep only {road:0.00} of their detail");
    }

    private static string Fresh(string name)
    {
        string dir = Path.Combine(SharedData.OutDirectory("first-run"), name);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Serves one file over HTTP on loopback, as GitHub serves the pinned clip.</summary>
    private sealed class FileServer : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _serving;

        private FileServer(byte[] body)
        {
            int port = LoopbackPort.PickFree();
            Url = $"http://127.0.0.1:{port}/license_plate.mp4";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _serving = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try { context = await _listener.GetContextAsync(); }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                    context.Response.ContentType = "video/mp4";
                    context.Response.ContentLength64 = body.Length;
                    await context.Response.OutputStream.WriteAsync(body);
                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public static FileServer Start(byte[] body) => new(body);

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            await _serving;
        }
    }
}

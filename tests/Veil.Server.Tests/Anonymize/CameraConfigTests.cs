using OpenCvSharp;
using Veil.TestSupport;

namespace Veil.Server.Tests.Anonymize;

/// <summary>A camera file's polygon and relative masks reach the output of `veil anonymize --camera`.</summary>
public sealed class CameraConfigTests
{
    [Fact]
    public async Task AppliesPolygonAndRelativeMasksFromYaml()
    {
        string dir = SharedData.OutDirectory("camera-config");
        string clip = Path.Combine(dir, "cam.mp4"), output = Path.Combine(dir, "cam-out.mp4"), config = Path.Combine(dir, "camera.yaml");
        await FfTools.GenerateClipAsync(clip, 640, 360, 25, 1, withAudio: false);
        await File.WriteAllTextAsync(config, """
            name: gate-cam
            masks:
              - name: window
                polygon: [[20, 20], [220, 20], [120, 160]]
                style: fill
              - name: door
                rect: [0.5, 0.5, 0.25, 0.25]
                units: relative
                style: fill
            """);
        var run = await VeilProcess.RunAsync("anonymize", "--classes", "none", clip, "-o", output, "--camera", config, "--quiet");
        Assert.True(run.Succeeded, run.StdErr);

        string png = Path.Combine(dir, "frame.png");
        (await FfTools.RunFfmpegAsync(["-v", "error", "-y", "-i", output, "-frames:v", "1", png])).EnsureSuccess();
        using var frame = Cv2.ImRead(png, ImreadModes.Grayscale);
        // Fill is black (Y=16): inside the triangle and the relative rectangle, not beside them.
        Assert.InRange(frame.At<byte>(60, 120), 0, 30);   // inside the triangle
        Assert.InRange(frame.At<byte>(250, 400), 0, 30);  // inside 0.5..0.75 of 640x360
        using var region = frame[new Rect(320 + 5, 180 + 5, 150, 80)];
        Assert.True(Cv2.Mean(region).Val0 < 30);
        using var outside = frame[new Rect(20, 200, 200, 100)];
        Assert.True(Cv2.Mean(outside).Val0 > 40, "testsrc2 outside the masks must stay visible");
    }

    [Fact]
    public async Task BadCameraFileNamesTheFile()
    {
        string config = Path.Combine(SharedData.OutDirectory("camera-config"), "broken.json");
        await File.WriteAllTextAsync(config, """{ "masks": [ { "rect": [1, 2, 3] } ] }""");
        var run = await VeilProcess.RunAsync("anonymize", "--classes", "none", "x.mp4", "-o", "y.mp4", "--camera", config, "--quiet");
        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(VeilProcess.ErrorLines(run));
        Assert.Contains("broken.json", line);
    }
}

using OpenCvSharp;
using Veil.Core.Detections;
using Veil.Server.Tests.Detection;
using Veil.TestSupport;
using Veil.Vision.Detectors;

namespace Veil.Server.Tests.Serve;

/// <summary>What a viewer of a relayed stream sees: one frame read back from the RTMP server, checked with Veil's own face detector.</summary>
internal static class FarEnd
{
    /// <summary>
    /// The face picture fed in shows a clear face; the frame read from <paramref name="url"/> shows
    /// none of the picture's faces. Leaves DIR/far-end-side-by-side.png (input | output) to look at.
    /// </summary>
    public static async Task AssertFaceRedactedAsync(ModelsFixture models, string facePicture, string url, string dir)
    {
        string still = Path.Combine(dir, "far-end.png");
        (await FfTools.RunFfmpegAsync(["-y", "-i", url, "-frames:v", "1", still])).EnsureSuccess();
        using var input = Cv2.ImRead(facePicture);
        using var output = Cv2.ImRead(still);
        var faces = new DetectorOptions { Classes = new HashSet<ObjectClass> { ObjectClass.Face }, HeadFallback = false };
        var fed = models.Detect(input, faces);
        Assert.Contains(fed, d => d.Score >= 0.8f);
        // A leak is a face of the picture found again: a detector's false positive on background the
        // picture does not have there (it happens on re-encoded video) is no face of anyone.
        var leaks = models.Detect(output, faces).Where(d => d.Score >= 0.5f && fed.Any(f => f.Score >= 0.3f && f.Box.IoU(d.Box) >= 0.2f)).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} face(s) of the picture still found at the far end of {url}: {string.Join(", ", leaks)}");
        using var side = new Mat();
        Cv2.HConcat([input, output], side);
        Cv2.ImWrite(Path.Combine(dir, "far-end-side-by-side.png"), side);
    }
}

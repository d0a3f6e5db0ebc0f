using OpenCvSharp;
using Veil.Core.Frames;
using Veil.Core.Geometry;
using Veil.TestSupport;
using Veil.Vision.Detectors;
using Veil.Vision.Imaging;
using Veil.Vision.Inference;

namespace Veil.Server.Tests.Detection;

/// <summary>
/// YOLOX reads a 16:9 frame at its own aspect, 480x288 (models.json's input.any_aspect and
/// long_side), rather than letterboxed in its declared 416 square: 20 % fewer pixels and 15 % more
/// resolution. The graph's size is freed at load, the file on disk untouched, and whatever the
/// square read finds confidently must come out too.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class AnyAspectObjectsTests(ModelsFixture models)
{
    [Fact]
    public async Task A_wide_frame_is_read_at_its_own_aspect_and_finds_what_the_square_finds()
    {
        using var frame = await StreetFrameAsync();
        var (manifest, store) = models.Store();
        var spec = manifest.Get("person");
        var square = spec with { Input = spec.Input with { AnyAspect = false, LongSide = 0 } };
        string path = store.Require(spec);
        string before = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

        var wide = Detect(new OnnxModel(spec, path, InferenceDevice.Cpu, 1), frame.Planes, out long widePixels);
        var squared = Detect(new OnnxModel(square, path, InferenceDevice.Cpu, 1), frame.Planes, out long squarePixels);

        Assert.Equal(480 * 288, widePixels);
        Assert.Equal(416 * 416, squarePixels);
        Assert.Equal(before, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))));
        var confident = squared.Where(d => d.Score >= 0.4f).ToList();
        Assert.True(confident.Count >= 3, $"the square read found {confident.Count} confident objects on the street frame");
        foreach (var d in confident)
            Assert.True(wide.Any(w => w.Class == d.Class && w.Box.IoU(d.Box) >= 0.7f),
                $"{d.Class} at {d.Box} (score {d.Score:0.00}) found in the square read is missing from the wide read: {string.Join("; ", wide.Select(w => $"{w.Class} {w.Box} {w.Score:0.00}"))}");
    }

    private static List<Core.Detections.Detection> Detect(OnnxModel model, YuvPlanes planes, out long pixels)
    {
        using var _ = model;
        using var detector = new YoloxObjectDetector(model);
        var found = new List<Core.Detections.Detection>();
        detector.Detect(planes, new PixelRect(0, 0, planes.Width, planes.Height), found);
        pixels = detector.PixelsRead;
        return found;
    }

    /// <summary>The traffic camera at 4 s: cars, a van and people on the pavement.</summary>
    private static async Task<NativeFrameBuffer> StreetFrameAsync()
    {
        string still = Path.Combine(SharedData.OutDirectory("any-aspect-objects"), "street.png");
        (await FfTools.RunFfmpegAsync(["-y", "-v", "error", "-ss", "4", "-i", SharedData.Video("pran786_Yolo-licenseplate/license_plate.mp4"), "-frames:v", "1", still])).EnsureSuccess();
        using var bgr = Cv2.ImRead(still);
        var frame = new NativeFrameBuffer(bgr.Width, bgr.Height);
        I420.FromBgr(bgr, frame.Planes);
        return frame;
    }
}

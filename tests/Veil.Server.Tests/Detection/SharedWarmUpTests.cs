using Veil.Core.Frames;
using Veil.Vision.Detectors;
using Veil.Vision.Inference;

namespace Veil.Server.Tests.Detection;

/// <summary>
/// The models are shared by every stream, and so is their warm-up: a new stream's detectors at a
/// size the models already ran at start at once (a warm-up pass used to hold a WHIP stream's first
/// frame 0.9 s on a loaded machine); a new size still gets its pass.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class SharedWarmUpTests(ModelsFixture models)
{
    [Fact]
    public void A_size_the_shared_models_ran_at_is_not_warmed_up_again()
    {
        var (manifest, store) = models.Store();
        var options = new DetectorOptions { Cadence = DetectionCadence.Live };
        using var set = ModelSet.Load(manifest, store.Require, options, InferenceDevice.Cpu, intraOpThreads: 1);
        using var first = new PrivacyDetector(set, options);
        using var second = new PrivacyDetector(set, options);
        using var hd = Grey(1280, 720);
        using var small = Grey(640, 360);
        var scratch = new List<Core.Detections.Detection>();

        first.WarmUp(hd.Planes, scratch);
        second.WarmUp(hd.Planes, scratch);
        Assert.True(Read(first) >= 1280L * 720, $"the first warm-up read {Read(first)} pixels");
        Assert.Equal(0, Read(second));

        second.WarmUp(small.Planes, scratch);
        Assert.True(Read(second) >= 640L * 360, $"a new size was not warmed up: {Read(second)} pixels read");

        // What the second detector binds afterwards at the warmed size answers like the first.
        var a = new List<Core.Detections.Detection>();
        var b = new List<Core.Detections.Detection>();
        first.Detect(hd.Planes, 1, a);
        second.Detect(hd.Planes, 1, b);
        Assert.Equal(a.Count, b.Count);
    }

    private static long Read(PrivacyDetector detector) => detector.Timings.Pixels().Values.Sum();

    private static NativeFrameBuffer Grey(int width, int height)
    {
        var frame = new NativeFrameBuffer(width, height);
        frame.Planes.Fill(128);
        return frame;
    }
}

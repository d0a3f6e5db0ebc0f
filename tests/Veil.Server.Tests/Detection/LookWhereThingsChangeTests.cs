using OpenCvSharp;
using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.TestSupport;
using Veil.Vision.Detectors;
using Veil.Vision.Imaging;
using Veil.Vision.Inference;
using Veil.Vision.Regions;
using Veil.Vision.Tracking;

namespace Veil.Server.Tests.Detection;

/// <summary>
/// The live cadence looks where the picture changes: these run the real models in process, frame
/// by frame, with the planner and the detector as a stream's detection stage runs them.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class LookWhereThingsChangeTests(ModelsFixture models)
{
    private static readonly Size Hd = new(1280, 720);

    private (ModelSet Set, PrivacyDetector Detector) Load()
    {
        var (manifest, store) = models.Store();
        var options = new DetectorOptions { Cadence = DetectionCadence.Live };
        var set = ModelSet.Load(manifest, store.Require, options, InferenceDevice.Cpu, intraOpThreads: 1);
        return (set, new PrivacyDetector(set, options));
    }

    [Fact]
    public void A_scene_cut_makes_the_next_frame_a_full_pass_on_every_model_and_still_frames_read_little()
    {
        var (set, detector) = Load();
        using var _ = set;
        using var __ = detector;
        using var street = TestPictures.FirstOf(SharedData.PlatesDev, Hd);
        using var people = TestPictures.FirstOf(SharedData.FacesDev, Hd);
        var planner = new LookPlanner(DetectionCadence.Live.SafetyNet);
        var plan = new LookPlan();
        var found = new List<Core.Detections.Detection>();
        var none = new List<PredictedBox>();
        var read = new List<(bool Full, ModelFamilies Ran, long FacePixels, long TextPixels)>();
        for (long frame = 0; frame < 8; frame++)
        {
            var planes = frame < 5 ? street.Planes : people.Planes; // a hard cut on frame 5
            long face0 = Pixels(detector, "face"), text0 = Pixels(detector, "text");
            planner.Plan(planes, frame, none, none, plan);
            found.Clear();
            var ran = detector.Detect(planes, frame, found, plan);
            read.Add((plan.Full, ran, Pixels(detector, "face") - face0, Pixels(detector, "text") - text0));
            if (frame == 5) Assert.Contains(found, d => d.Class == ObjectClass.Face);
        }
        Assert.True(read[0].Full, "a stream's first frame is a full pass");
        Assert.True(read[5].Full, "the cut did not make a full pass");
        Assert.Equal(1, planner.Cuts);
        Assert.Equal(ModelFamilies.Faces | ModelFamilies.Objects | ModelFamilies.Plates, read[5].Ran);
        // A full pass reads the whole frame with the largest face scale and the whole-frame text pass.
        Assert.True(read[5].FacePixels >= 1280 * 736, $"the cut frame's face passes read {read[5].FacePixels} pixels");
        Assert.True(read[5].TextPixels >= 960 * 544, $"the cut frame's text passes read {read[5].TextPixels} pixels");
        foreach (int still in new[] { 1, 2, 3, 4, 6, 7 })
        {
            Assert.False(read[still].Full, $"frame {still} is no cut");
            // Nothing moves: the smallest face pass and the safety net's tile at most.
            Assert.True(read[still].FacePixels <= 320 * 192 + 704 * 448, $"still frame {still}: the face model read {read[still].FacePixels} pixels");
        }
    }

    [Fact]
    public void Planning_and_reading_regions_allocate_nothing_per_frame_once_warm()
    {
        var (set, detector) = Load();
        using var _ = set;
        using var __ = detector;
        using var street = Cv2.ImRead(Directory.EnumerateFiles(SharedData.PlatesDev, "*.jpg", SearchOption.AllDirectories).Order().First()).Resize(Hd);
        using var face = Cv2.ImRead(Directory.EnumerateFiles(SharedData.FacesDev, "*.jpg", SearchOption.AllDirectories).Order().First()).Resize(new Size(160, 120));
        var frames = new List<NativeFrameBuffer>();
        for (int i = 0; i < 6; i++) // a picture moving across the street, a few frames' worth, replayed
        {
            using var bgr = street.Clone();
            using (var at = new Mat(bgr, new Rect(200 + 40 * i, 300, face.Width, face.Height))) face.CopyTo(at);
            var frame = new NativeFrameBuffer(Hd.Width, Hd.Height);
            I420.FromBgr(bgr, frame.Planes);
            frames.Add(frame);
        }
        try
        {
            var planner = new LookPlanner(DetectionCadence.Live.SafetyNet);
            var plan = new LookPlan();
            var found = new List<Core.Detections.Detection>(4096);
            var tracks = new List<PredictedBox>(64);
            long index = 0;
            void Step()
            {
                var planes = frames[(int)(index % frames.Count)].Planes;
                planner.Plan(planes, index, tracks, tracks, plan);
                found.Clear();
                detector.Detect(planes, index, found, plan);
                index++;
            }
            // Every picture with every net tile seen once (6 pictures, the text net's 32 frames):
            // every canvas size and list length the measured frames meet.
            for (int i = 0; i < 96; i++) Step();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 32; i++) Step();
            long perFrame = (GC.GetAllocatedBytesForCurrentThread() - before) / 32;
            Assert.True(perFrame == 0, $"{perFrame} managed bytes allocated per frame by planning and region detection");
        }
        finally
        {
            foreach (var f in frames) f.Dispose();
        }
    }

    private static long Pixels(PrivacyDetector detector, string model) => detector.Timings.Pixels().GetValueOrDefault(model);
}

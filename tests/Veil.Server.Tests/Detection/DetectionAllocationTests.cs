using OpenCvSharp;
using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.Core.Geometry;
using Veil.TestSupport;
using Veil.Vision.Detectors;
using Veil.Vision.Imaging;
using Veil.Vision.Inference;

namespace Veil.Server.Tests.Detection;

/// <summary>
/// The face and object models run on every frame of every stream, so once warm they must not
/// allocate managed memory (bound ORT tensors, OpenCV through its raw entry points): measured on
/// this thread around real runs on a real picture, with something found in it.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class DetectionAllocationTests(ModelsFixture models)
{
    [Fact]
    public void Face_and_object_detection_allocate_nothing_per_run_once_warm()
    {
        var (manifest, store) = models.Store();
        var options = new DetectorOptions { Classes = new HashSet<ObjectClass> { ObjectClass.Face, ObjectClass.Person } };
        using var set = ModelSet.Load(manifest, store.Require, options, InferenceDevice.Cpu, intraOpThreads: 1);
        using var frame = LoadFrame();
        var whole = new PixelRect(0, 0, frame.Width, frame.Height);
        using var faces = new YuNetFaceDetector(set.Face!);
        using var objects = new YoloxObjectDetector(set.Objects!);
        var found = new List<Veil.Core.Detections.Detection>(4096);

        void RunBoth()
        {
            found.Clear();
            faces.Detect(frame.Planes, whole, 640, 0.3f, found);
            objects.Detect(frame.Planes, whole, found);
        }

        for (int i = 0; i < 3; i++) RunBoth(); // bindings and buffers are made on first use
        Assert.Contains(found, d => d.Class == ObjectClass.Face);
        Assert.Contains(found, d => d.Class == ObjectClass.Person);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) RunBoth();
        long perRun = (GC.GetAllocatedBytesForCurrentThread() - before) / 5;
        Assert.True(perRun == 0, $"{perRun} managed bytes allocated per face + object run");
    }

    private static NativeFrameBuffer LoadFrame()
    {
        string image = Directory.EnumerateFiles(SharedData.FacesDev, "*.jpg", SearchOption.AllDirectories).Order().First();
        using var bgr = Cv2.ImRead(image);
        using var even = new Mat(bgr, new Rect(0, 0, bgr.Width & ~1, bgr.Height & ~1));
        using var copy = even.Clone();
        var frame = new NativeFrameBuffer(copy.Width, copy.Height);
        I420.FromBgr(copy, frame.Planes);
        return frame;
    }
}

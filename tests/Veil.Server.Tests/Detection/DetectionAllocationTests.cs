using OpenCvSharp;
using Veil.Core.Detections;
using Veil.Core.Geometry;
using Veil.TestSupport;
using Veil.Vision.Detectors;
using Veil.Vision.Inference;

namespace Veil.Server.Tests.Detection;

/// <summary>
/// The face, object and text models run on every frame of every stream, so once warm they must not
/// allocate managed memory (bound ORT tensors, OpenCV through its raw entry points): measured on
/// this thread around real runs on real pictures, with something found in them.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class DetectionAllocationTests(ModelsFixture models)
{
    [Fact]
    public void Face_object_and_text_detection_allocate_nothing_per_run_once_warm()
    {
        var (manifest, store) = models.Store();
        var options = new DetectorOptions { Classes = new HashSet<ObjectClass> { ObjectClass.Face, ObjectClass.Plate, ObjectClass.Person } };
        using var set = ModelSet.Load(manifest, store.Require, options, InferenceDevice.Cpu, intraOpThreads: 1);
        using var people = TestPictures.FirstOf(SharedData.FacesDev);
        using var street = TestPictures.FirstOf(SharedData.PlatesDev);
        var whole = new PixelRect(0, 0, people.Width, people.Height);
        var wholeStreet = new PixelRect(0, 0, street.Width, street.Height);
        using var faces = new YuNetFaceDetector(set.Face!);
        using var objects = new YoloxObjectDetector(set.Objects!);
        using var text = new DbTextDetector(set.Text!);
        var found = new List<Veil.Core.Detections.Detection>(4096);

        void RunAll()
        {
            found.Clear();
            faces.Detect(people.Planes, whole, 640, 0.3f, found);
            faces.Detect(people.Planes, whole, 640, 0.3f, found, mirrored: true);
            objects.Detect(people.Planes, whole, found);
            text.Detect(street.Planes, wholeStreet, 640, found);
        }

        for (int i = 0; i < 3; i++) RunAll(); // bindings and buffers are made on first use
        Assert.Contains(found, d => d.Class == ObjectClass.Face);
        Assert.Contains(found, d => d.Class == ObjectClass.Person);
        Assert.Contains(found, d => d.Class == ObjectClass.Text);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) RunAll();
        long perRun = (GC.GetAllocatedBytesForCurrentThread() - before) / 5;
        Assert.True(perRun == 0, $"{perRun} managed bytes allocated per face + object + text run");
    }
}

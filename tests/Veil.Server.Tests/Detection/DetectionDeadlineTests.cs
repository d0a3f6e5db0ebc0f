using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.TestSupport;
using Veil.Vision.Detectors;
using Veil.Vision.Inference;
using Veil.Vision.Pipeline;
using Veil.Vision.Redaction;

namespace Veil.Server.Tests.Detection;

/// <summary>
/// The detector deadline tells a hung detector from a busy one: it runs from the workers' last
/// progress, not from when a frame was queued, and an idle pool's idle time does not count.
/// Measured with the real models on a real picture, one worker and a deadline shorter than the
/// queue of held frames takes to drain.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class DetectionDeadlineTests(ModelsFixture models)
{
    [Fact]
    public void Frames_queued_behind_a_working_detector_are_not_failed_however_long_they_wait()
    {
        var (manifest, store) = models.Store();
        var options = new DetectorOptions { Classes = new HashSet<ObjectClass> { ObjectClass.Face, ObjectClass.Person } };
        using var set = ModelSet.Load(manifest, store.Require, options, InferenceDevice.Cpu, intraOpThreads: 1);
        var image = TestPictures.FirstOf(SharedData.FacesDev, new OpenCvSharp.Size(640, 360));
        using var pool = new FramePool(image.Width, image.Height, (w, h) => new NativeFrameBuffer(w, h));
        var timeout = TimeSpan.FromMilliseconds(400);
        using var processor = new DetectionProcessor(t => new PrivacyDetector(set, options, t),
            new DetectionSchedule(Workers: 1, timeout, LookAhead: TimeSpan.Zero), options.Classes, RedactionOptions.Default, masks: null);

        // The pool sits idle past the deadline before the first frame: that is not a stall.
        Thread.Sleep(timeout * 1.5);
        const int Frames = 24;
        var frames = new List<VideoFrame>();
        for (int i = 0; i < Frames; i++)
        {
            var frame = pool.Rent();
            frame.Sequence = i;
            frame.Time = TimeSpan.FromMilliseconds(40 * i);
            image.Planes.CopyTo(frame.Planes);
            processor.Process(frame);
            frames.Add(frame);
        }
        // All 24 are queued at once for one worker: the last waits several deadlines in the queue.
        var failures = new List<string>();
        foreach (var frame in frames)
        {
            try { processor.Complete(frame); }
            catch (Exception e) { failures.Add($"frame {frame.Sequence}: {e.Message}"); }
            frame.Release();
        }
        image.Dispose();
        Assert.True(processor.Timings.Runs()["face"] >= Frames, $"only {processor.Timings.Runs()["face"]} face runs");
        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }
}

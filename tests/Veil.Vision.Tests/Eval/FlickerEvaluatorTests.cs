using Veil.Core.Detections;
using Veil.Vision.Detectors;
using Veil.Vision.Eval;

namespace Veil.Vision.Tests.Eval;

/// <summary>
/// A synthetic face walks across 100 frames; the detector misses every 4th frame and only scores
/// it low (0.2) in its first 10 frames. Raw detections flicker; tracking fills the misses; the
/// look-ahead also covers the low-score onset.
/// </summary>
public sealed class FlickerEvaluatorTests
{
    private static readonly IReadOnlySet<ObjectClass> Faces = new HashSet<ObjectClass> { ObjectClass.Face };

    private static List<FrameDetections> Walk()
    {
        var frames = new List<FrameDetections>();
        for (int f = 0; f < 100; f++)
        {
            var box = new BoxF(100 + 3 * f, 200, 40, 48);
            float score = f < 10 ? 0.2f : 0.9f;
            var detections = f % 4 == 3 && f > 10 ? Array.Empty<Detection>() : [new Detection(box, ObjectClass.Face, score)];
            frames.Add(new FrameDetections(f, TimeSpan.FromMilliseconds(40 * f), 640, 480, detections));
        }
        return frames;
    }

    [Fact]
    public void TrackingAndLookAheadReduceFlicker()
    {
        var frames = Walk();
        var raw = FlickerEvaluator.Measure("raw", frames, Faces, 0.3f, DetectionCadence.EveryFrame, false, TimeSpan.Zero);
        var tracked = FlickerEvaluator.Measure("tracking", frames, Faces, 0.3f, DetectionCadence.EveryFrame, true, TimeSpan.Zero);
        var ahead = FlickerEvaluator.Measure("look-ahead", frames, Faces, 0.3f, DetectionCadence.EveryFrame, true, TimeSpan.FromMilliseconds(400));

        Assert.Equal(1, raw.Tracks);
        Assert.Equal(99, raw.LifeFrames); // the last frame is a miss, so life ends at frame 98
        Assert.Equal(10 + 22, raw.UnredactedFrames); // the low-score onset and every 4th frame after it
        Assert.Equal(10, tracked.UnredactedFrames);   // misses filled, onset still open (no track before a confident detection)
        // Held frames get the first confident box as it was detected, not moved back: the oldest
        // onset frames of a moving face stay partly uncovered.
        Assert.True(ahead.UnredactedFrames <= tracked.UnredactedFrames / 2, $"look-ahead left {ahead.UnredactedFrames} frames");
    }

    [Fact]
    public void CadenceWithoutTrackingFlickersAndTrackingCarries()
    {
        var frames = Walk();
        var cadence = new DetectionCadence(3, 3, 3, 3, 3);
        var raw = FlickerEvaluator.Measure("raw", frames, Faces, 0.3f, cadence, false, TimeSpan.Zero);
        var tracked = FlickerEvaluator.Measure("tracking", frames, Faces, 0.3f, cadence, true, TimeSpan.Zero);
        Assert.True(raw.Flicker > 0.6, $"raw {raw.Flicker:P1}");
        Assert.True(tracked.Flicker < raw.Flicker / 3, $"tracking {tracked.Flicker:P1} vs raw {raw.Flicker:P1}");
    }
}

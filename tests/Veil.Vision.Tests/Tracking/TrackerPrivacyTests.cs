using Veil.Core.Detections;
using Veil.Vision.Tracking;
using static Veil.Vision.Tests.Tracking.TrackingScene;

namespace Veil.Vision.Tests.Tracking;

/// <summary>
/// The property tracking exists for: an object detected now and then is redacted on every frame
/// in between. Flicker is a leak.
/// </summary>
public sealed class TrackerPrivacyTests
{
    private static readonly BoxF Start = new(200, 150, 36, 44);

    /// <summary>
    /// Three faces, one walking, one fast, one on a curved path, each missed at random in a fifth of
    /// the frames, boxes jittered by 2 px, over 20 seeds. No frame may leak by score.py's measure
    /// (under 70 % covered) and nearly all must be 90 % covered.
    /// </summary>
    [Fact]
    public void Every_frame_is_covered_when_detection_flickers()
    {
        int frames = 0, under90 = 0;
        for (int seed = 0; seed < 20; seed++)
        {
            var tracker = new ByteTracker();
            var random = new Random(seed);
            var detections = new List<Detection>();
            var seen = new bool[3];
            for (int f = 0; f < 300; f++)
            {
                var now = At(f);
                var truths = Truths(f);
                detections.Clear();
                for (int i = 0; i < truths.Length; i++)
                    if (random.NextDouble() < 0.8)
                    {
                        detections.Add(Detect(Jitter(truths[i], random, 2), score: 0.5f + 0.5f * (float)random.NextDouble()));
                        seen[i] = true;
                    }
                tracker.Update(detections, now);

                var redact = tracker.ToRedact(now);
                for (int i = 0; i < truths.Length; i++)
                {
                    if (!seen[i]) continue; // nothing can be known of an object before its first detection
                    double covered = Coverage(truths[i], redact, now);
                    Assert.True(covered >= 0.7, $"seed {seed}, frame {f}, object {i}: {covered:P0} covered");
                    frames++;
                    if (covered < 0.9) under90++;
                }
            }
        }
        Assert.True(under90 <= frames / 1000, $"{under90} of {frames} frames under 90 % covered");
    }

    /// <summary>Detection keeps up with one frame in three; the others are carried. The fast object moves 22 px between runs, most of its 30 px.</summary>
    [Fact]
    public void Carried_frames_are_covered_when_detection_runs_on_a_subset()
    {
        var tracker = new ByteTracker();
        var random = new Random(5);
        var detections = new List<Detection>();
        var ids = new HashSet<int>();
        for (int f = 0; f < 240; f++)
        {
            var now = At(f);
            var truths = Truths(f);
            if (f % 3 == 0)
            {
                detections.Clear();
                foreach (var t in truths) detections.Add(Detect(Jitter(t, random, 2)));
                foreach (var t in tracker.Update(detections, now)) ids.Add(t.Id);
            }
            else tracker.Predict(now);

            foreach (var truth in truths)
            {
                double covered = Coverage(truth, tracker.ToRedact(now), now);
                // Before its second detection a track has no velocity: a fast object outruns 2σ of the
                // birth uncertainty on the second carried frame (88 % here), still far from a leak (70 %).
                double least = f < 3 ? 0.7 : 0.9;
                Assert.True(covered >= least, $"frame {f}: {covered:P0} covered");
            }
        }
        Assert.Equal(3, ids.Count);
    }

    [Fact]
    public void The_redaction_box_grows_with_time_since_the_last_detection()
    {
        var tracker = new ByteTracker(new TrackerOptions { MaxGrowth = 100 });
        for (int f = 0; f < 10; f++) tracker.Update([Detect(Moving(Start, 60, 20, f))], At(f));
        var track = tracker.Tracks[0];

        float previous = track.RedactionBox(At(9)).Area;
        for (int f = 10; f < 25; f++)
        {
            tracker.Predict(At(f));
            var box = track.RedactionBox(At(f));
            Assert.True(box.Area > previous, $"frame {f}: {box.Area} after {previous}");
            Assert.True(box.IntersectionArea(track.Box) >= track.Box.Area * 0.999f, "contains the estimate");
            previous = box.Area;
        }
    }

    [Fact]
    public void The_growth_is_capped()
    {
        var tracker = new ByteTracker(new TrackerOptions { MaxGrowth = 0.5f });
        tracker.Update([Detect(Start)], At(0));

        var box = tracker.Tracks[0].RedactionBox(At(25));

        Assert.True(box.W <= Start.W * 2.001f && box.H <= Start.H * 2.001f, $"{box}");
    }

    [Fact]
    public void A_carried_box_grows_to_at_most_half_again_its_last_detection()
    {
        // One caption found in pieces of growing height about a still centre: the filter learns a size velocity.
        var tracker = new ByteTracker(new TrackerOptions { MaxGrowth = 0, UncertaintySigmas = 0, MotionGrowth = 0 });
        for (int f = 0; f < 6; f++) tracker.Update([Detect(new BoxF(400, 100 - 6 * f, 500, 60 + 12 * f), cls: ObjectClass.Plate)], At(f));
        var track = tracker.Tracks[0];

        tracker.Predict(At(30));
        var box = track.RedactionBox(At(30));

        Assert.True(box.H <= 1.5f * 120 + 0.01f && box.W <= 1.5f * 500 + 0.01f, $"{box}");
        Assert.True(box.H > 120, $"{box}: the filter's growth is still followed up to the cap");
    }

    [Fact]
    public void A_box_is_carried_by_its_velocity_no_longer_than_its_track_was_seen()
    {
        // Three detections 10 px apart (80 ms, 250 px/s), as text found in jumping pieces of a
        // busy texture gives, then nothing for a second.
        var tracker = new ByteTracker();
        for (int f = 0; f < 3; f++) tracker.Update([Detect(Moving(Start, 250, 0, f), cls: ObjectClass.Plate)], At(f));
        var last = Moving(Start, 250, 0, 2);
        for (int f = 3; f <= 27; f++) tracker.Predict(At(f));
        var track = tracker.Tracks[0];

        var box = track.RedactionBox(At(27));

        Assert.True(track.Box.CenterX - last.CenterX > 80, $"the filter itself carries the box on: {track.Box}");
        // Carried for TrackerOptions.LeastCarry (0.2 s) and grown by at most its width.
        float reach = (float)(track.Velocity.X * TrackerOptions.LeastCarry.TotalSeconds) + Start.W;
        Assert.InRange(box.Right - last.Right, 1, reach + 1);
        Assert.True(reach < track.Box.CenterX - last.CenterX, $"{reach}: the test cannot tell a carried box from a stopped one");
        Assert.Equal(last.Area, box.IntersectionArea(last), 2);
        Assert.True(track.LookBox(At(27)).Right - last.Right > reach, "where to look still follows the whole prediction");
    }

    [Fact]
    public void At_a_detection_the_redaction_box_contains_the_detected_box()
    {
        var tracker = new ByteTracker();
        for (int f = 0; f < 10; f++) tracker.Update([Detect(Moving(Start, 60, 0, f))], At(f));
        var jump = Start.Offset(14, 0); // the smoothed estimate lags a sudden move

        var track = tracker.Update([Detect(jump)], At(10))[0];

        Assert.Equal(jump.Area, track.RedactionBox(At(10)).IntersectionArea(jump), 2);
    }

    private static BoxF[] Truths(int f)
    {
        double t = f / Fps;
        return
        [
            Moving(Start, 40, 10, f),
            Moving(new BoxF(600, 400, 30, 30), -220, -60, f),
            new BoxF((float)(400 + 150 * Math.Cos(t)), (float)(300 + 100 * Math.Sin(t)), 40, 48),
        ];
    }
}

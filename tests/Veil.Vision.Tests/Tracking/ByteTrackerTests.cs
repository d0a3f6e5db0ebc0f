using Veil.Core.Detections;
using Veil.Vision.Tracking;
using static Veil.Vision.Tests.Tracking.TrackingScene;

namespace Veil.Vision.Tests.Tracking;

/// <summary>Identity and life cycle: ids stay with objects, tracks start and end when they should.</summary>
public sealed class ByteTrackerTests
{
    private static readonly BoxF Start = new(100, 100, 40, 40);

    [Fact]
    public void Follows_a_box_at_constant_velocity_with_one_id()
    {
        var tracker = new ByteTracker();
        var ids = new HashSet<int>();
        for (int f = 0; f < 100; f++)
        {
            var truth = Moving(Start, 90, 30, f);
            var tracks = tracker.Update([Detect(truth)], At(f));

            Assert.Single(tracks);
            ids.Add(tracks[0].Id);
            Assert.True(tracks[0].Box.IoU(truth) > 0.9, $"frame {f}: {tracks[0].Box} vs {truth}");
        }

        Assert.Single(ids);
        var track = tracker.Tracks[0];
        Assert.Equal(TrackState.Confirmed, track.State);
        Assert.Equal(100, track.Hits);
        Assert.Equal(TimeSpan.Zero, track.FirstSeen);
        Assert.Equal(At(99), track.LastSeen);
        Assert.InRange(track.Velocity.X, 85, 95);
    }

    [Fact]
    public void Confirms_a_new_track_after_two_consecutive_detections()
    {
        var tracker = new ByteTracker();

        Assert.Equal(TrackState.Tentative, tracker.Update([Detect(Start)], At(0))[0].State);
        Assert.Equal(TrackState.Confirmed, tracker.Update([Detect(Start)], At(1))[0].State);
    }

    [Theory]
    [InlineData(true)]  // the detector ran and found nothing
    [InlineData(false)] // the detector skipped these frames: boxes are carried
    public void Keeps_the_id_and_covers_the_object_through_a_five_frame_gap(bool detectorRan)
    {
        var tracker = new ByteTracker();
        int id = 0;
        for (int f = 0; f < 40; f++)
        {
            var truth = Moving(Start, 120, -40, f);
            bool gap = f is >= 20 and < 25;
            var tracks = gap
                ? detectorRan ? tracker.Update([], At(f)) : tracker.Predict(At(f))
                : tracker.Update([Detect(truth)], At(f));
            if (f == 19) id = tracks[0].Id;
            if (gap)
            {
                Assert.Single(tracker.ToRedact(At(f)));
                double covered = Coverage(truth, tracker.ToRedact(At(f)), At(f));
                Assert.True(covered >= 0.9, $"frame {f}: {covered:P0} covered");
            }
        }

        var track = Assert.Single(tracker.Tracks);
        Assert.Equal(id, track.Id);
        Assert.Equal(TrackState.Confirmed, track.State);
    }

    [Fact]
    public void A_missed_confirmed_track_is_lost_then_found_again()
    {
        var tracker = new ByteTracker();
        tracker.Update([Detect(Start)], At(0));
        tracker.Update([Detect(Start)], At(1));

        Assert.Equal(TrackState.Lost, tracker.Update([], At(2))[0].State);
        Assert.Equal(TrackState.Confirmed, tracker.Update([Detect(Start)], At(3))[0].State);
    }

    [Fact]
    public void Crossing_objects_keep_their_ids()
    {
        var tracker = new ByteTracker();
        var random = new Random(11);
        var a0 = new BoxF(50, 200, 50, 50);
        var b0 = new BoxF(550, 210, 50, 50);
        int idA = 0, idB = 0;
        for (int f = 0; f < 90; f++)
        {
            var a = Moving(a0, 180, 0, f);
            var b = Moving(b0, -180, 0, f);
            var tracks = tracker.Update([Detect(Jitter(a, random, 2)), Detect(Jitter(b, random, 2))], At(f));
            if (f == 5)
            {
                idA = Nearest(tracks, a)!.Id;
                idB = Nearest(tracks, b)!.Id;
                Assert.NotEqual(idA, idB);
            }
            if (f > 5)
            {
                // Through the overlap too, not only while apart.
                Assert.Equal(idA, Nearest(tracks, a)!.Id);
                Assert.Equal(idB, Nearest(tracks, b)!.Id);
            }
        }
        Assert.Equal(2, tracker.Tracks.Count);
    }

    [Fact]
    public void Low_score_detections_continue_a_track_but_never_start_one()
    {
        var tracker = new ByteTracker();
        for (int f = 0; f < 10; f++)
            Assert.Empty(tracker.Update([Detect(Moving(Start, 60, 0, f), score: 0.3f)], At(f)));

        tracker.Update([Detect(Moving(Start, 60, 0, 10), score: 0.9f)], At(10));
        tracker.Update([Detect(Moving(Start, 60, 0, 11), score: 0.9f)], At(11));
        int id = tracker.Tracks[0].Id;
        for (int f = 12; f < 30; f++)
        {
            var track = Assert.Single(tracker.Update([Detect(Moving(Start, 60, 0, f), score: 0.3f)], At(f)));
            Assert.Equal(id, track.Id);
            Assert.Equal(TrackState.Confirmed, track.State);
            Assert.Equal(0.3f, track.Score);
        }
    }

    [Fact]
    public void Low_score_detections_follow_a_new_track_and_confirm_it()
    {
        // A masked face: found once at 0.6, then only at 0.3 while it moves 60 px a second.
        var tracker = new ByteTracker();
        int id = Assert.Single(tracker.Update([Detect(Start, score: 0.6f)], At(0))).Id;
        for (int f = 1; f < 20; f++)
        {
            var truth = Moving(Start, 60, 0, f);
            var track = Assert.Single(tracker.Update([Detect(truth, score: 0.3f)], At(f)));
            Assert.Equal(id, track.Id);
            Assert.Equal(At(f), track.LastSeen);
            Assert.True(track.Box.IoU(truth) > 0.8, $"frame {f}: {track.Box} vs {truth}");
        }
        Assert.Equal(TrackState.Confirmed, tracker.Tracks[0].State);
    }

    [Fact]
    public void High_score_below_the_birth_score_does_not_start_a_track()
    {
        var tracker = new ByteTracker(new TrackerOptions { NewTrackScore = 0.6f });

        Assert.Empty(tracker.Update([Detect(Start, score: 0.55f)], At(0)));
    }

    [Fact]
    public void By_default_any_high_score_detection_starts_a_track()
    {
        var tracker = new ByteTracker();

        Assert.Equal(TrackState.Tentative, Assert.Single(tracker.Update([Detect(Start, score: 0.5f)], At(0))).State);
    }

    [Fact]
    public void A_lost_track_is_redacted_for_KeepRedacted_and_removed_after_MaxLost()
    {
        var options = new TrackerOptions { KeepRedacted = TimeSpan.FromSeconds(1), MaxLost = TimeSpan.FromSeconds(2) };
        var tracker = new ByteTracker(options);
        tracker.Update([Detect(Start)], At(0));
        var track = tracker.Update([Detect(Start)], At(1))[0];
        var removedAt = new List<int>();
        for (int f = 2; f <= 100; f++)
        {
            tracker.Update([], At(f));
            Assert.Equal(f - 1 <= 30, tracker.ToRedact(At(f)).Count == 1);
            if (tracker.Removed.Count > 0) removedAt.Add(f);
        }

        Assert.Equal([62], removedAt); // first frame more than 2 s after the last detection at frame 1
        Assert.Equal(TrackState.Removed, track.State);
        Assert.Empty(tracker.Tracks);
    }

    [Fact]
    public void An_unconfirmed_track_lives_only_as_long_as_it_is_redacted()
    {
        var tracker = new ByteTracker();
        var track = tracker.Update([Detect(Start)], At(0))[0];
        for (int f = 1; f <= 31; f++) tracker.Update([], At(f));

        Assert.Equal(TrackState.Removed, track.State);
    }

    [Theory]
    [InlineData(ObjectClass.Face, ObjectClass.Head)]
    [InlineData(ObjectClass.Head, ObjectClass.Face)]
    [InlineData(ObjectClass.Person, ObjectClass.Rider)]
    public void The_class_may_flip_within_its_family(ObjectClass first, ObjectClass then)
    {
        var tracker = new ByteTracker();
        tracker.Update([Detect(Start, cls: first)], At(0));
        tracker.Update([Detect(Start, cls: first)], At(1));

        var track = Assert.Single(tracker.Update([Detect(Start, cls: then)], At(2)));
        Assert.Equal(then, track.Class);
        Assert.Equal(3, track.Hits);
    }

    [Fact]
    public void Classes_of_different_families_never_match()
    {
        var tracker = new ByteTracker();
        tracker.Update([Detect(Start, cls: ObjectClass.Face)], At(0));
        tracker.Update([Detect(Start, cls: ObjectClass.Face)], At(1));

        var tracks = tracker.Update([Detect(Start, cls: ObjectClass.Plate)], At(2));

        Assert.Equal(2, tracks.Count);
        Assert.Equal(TrackState.Lost, tracks.Single(t => t.Class == ObjectClass.Face).State);
        Assert.Equal(TrackState.Tentative, tracks.Single(t => t.Class == ObjectClass.Plate).State);
    }

    [Fact]
    public void Ids_are_never_reused()
    {
        var tracker = new ByteTracker();
        var ids = new List<int>();
        for (int f = 0; f < 200; f += 40)
        {
            ids.Add(tracker.Update([Detect(Start)], At(f))[0].Id);
            tracker.Update([], At(f + 39)); // long enough for the tentative track to die
        }

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Time_going_back_ends_every_track()
    {
        var tracker = new ByteTracker();
        var track = tracker.Update([Detect(Start)], At(10))[0];

        tracker.Update([], At(5));

        Assert.Equal(TrackState.Removed, track.State);
        Assert.Same(track, Assert.Single(tracker.Removed));
        Assert.Empty(tracker.Tracks);
    }

    [Fact]
    public void Ignores_boxes_the_filter_cannot_start_from()
    {
        var tracker = new ByteTracker();

        var tracks = tracker.Update([Detect(new BoxF(float.NaN, 0, 10, 10)), Detect(new BoxF(0, 0, 0, 10))], At(0));

        Assert.Empty(tracks);
    }

    [Fact]
    public void Steady_tracking_allocates_nothing()
    {
        var tracker = new ByteTracker();
        var detections = new List<Detection>();
        void Frame(int f)
        {
            detections.Clear();
            for (int i = 0; i < 20; i++)
                if ((f + i) % 7 != 0) // each object missed now and then
                    detections.Add(Detect(Moving(new BoxF(60 * i, 30 * i, 40, 40), 30, 10, f), score: (f + i) % 5 == 0 ? 0.3f : 0.9f));
            tracker.Update(detections, At(f));
            if (f % 3 == 0) tracker.Predict(At(f) + TimeSpan.FromMilliseconds(10));
            foreach (var t in tracker.ToRedact(At(f))) t.RedactionBox(At(f));
        }
        for (int f = 0; f < 50; f++) Frame(f);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int f = 50; f < 150; f++) Frame(f);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(20, tracker.Tracks.Count);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Tracks_born_and_ended_all_the_time_allocate_nothing_once_warm_and_keep_unique_ids()
    {
        var tracker = new ByteTracker();
        var detections = new List<Detection>();
        int newestId = 0;
        // Objects that live 4 frames each, at a new place every time: a crowd walking through. The
        // scene repeats every 100 frames (longer than a lost track lives), so the warm-up sees its busiest moment.
        void Frame(int f)
        {
            detections.Clear();
            for (int i = 0; i < 10; i++)
            {
                int life = (f + i) / 4;
                detections.Add(Detect(new BoxF(40 * (life % 25) + 1100 * (i % 3), 40 * (life % 25) + 1100 * (i / 3), 30, 30)));
            }
            tracker.Update(detections, At(f));
            foreach (var t in tracker.Tracks) newestId = Math.Max(newestId, t.Id);
        }
        for (int f = 0; f < 200; f++) Frame(f);
        int born = newestId;

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int f = 200; f < 400; f++) Frame(f);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(newestId > born + 50, $"only {newestId - born} tracks born while measuring: the test no longer churns");
        Assert.Equal(0, allocated);
        // Reused objects start over: new ids, one hit, no age from their previous life.
        var live = tracker.Tracks.Select(t => t.Id).ToList();
        Assert.Equal(live.Count, live.Distinct().Count());
        Assert.All(tracker.Tracks, t => Assert.True(t.Hits <= 4 && t.Age <= (At(399) - t.FirstSeen).TotalSeconds * Fps + 0.5, $"{t} age {t.Age}"));
    }
}

using Veil.Core.Detections;
using Veil.Core.Geometry;
using Veil.Vision.Detectors;
using Veil.Vision.Pipeline;
using Veil.Vision.Tracking;

namespace Veil.Vision.Tests.Pipeline;

public sealed class LookAheadBoxTests
{
    [Fact]
    public void A_box_found_near_a_side_reaches_it_on_the_frames_before()
    {
        // A plate entering at the right edge of a 1280x720 frame, found 8 px from it.
        Assert.Equal(new PixelRect(1242, 439, 38, 38), DetectionProcessor.ReachingInFromTheSide(new PixelRect(1242, 439, 30, 38), 1280, 720));
        // A face near the top-left corner reaches both sides.
        Assert.Equal(new PixelRect(0, 0, 70, 60), DetectionProcessor.ReachingInFromTheSide(new PixelRect(20, 10, 50, 50), 1280, 720));
    }

    [Fact]
    public void A_box_further_from_every_side_than_its_size_is_left_as_it_is()
    {
        var face = new PixelRect(100, 200, 60, 60);
        Assert.Equal(face, DetectionProcessor.ReachingInFromTheSide(face, 1280, 720));
        Assert.Equal(default, DetectionProcessor.ReachingInFromTheSide(default, 1280, 720));
    }

    [Fact]
    public void A_box_cut_by_a_side_counts_as_sure_for_the_frames_before_and_one_inside_does_not()
    {
        // The face sliding in from the left that scored 0.32 when found 3 px from the side.
        Assert.True(DetectionProcessor.CutBySide(new BoxF(3, 373, 23, 29), 1280, 720));
        Assert.True(DetectionProcessor.CutBySide(new BoxF(1250, 400, 40, 20), 1280, 720));
        Assert.True(DetectionProcessor.CutBySide(new BoxF(600, 715, 30, 30), 1280, 720));
        Assert.False(DetectionProcessor.CutBySide(new BoxF(10, 373, 23, 29), 1280, 720));
        Assert.False(DetectionProcessor.CutBySide(new BoxF(600, 300, 30, 30), 1280, 720));
    }

    [Fact]
    public void A_box_found_later_is_moved_back_along_its_tracks_velocity()
    {
        var plate = RedactionRegion.Rectangle(new PixelRect(146, 464, 69, 29), "plate");
        // 135 px/s right and 85 px/s up (the plate crossing seed 20), found 0.2 s after the held frame.
        var moved = DetectionProcessor.MovedBack(plate, (135f, -85f), TimeSpan.FromSeconds(0.2), 1280, 720);
        Assert.Equal(new PixelRect(119, 481, 69, 29), moved.Bounds);
        Assert.Equal("plate", moved.Label);
        // Unknown velocity (a track just born): left where it was found.
        Assert.Equal(plate, DetectionProcessor.MovedBack(plate, default, TimeSpan.FromSeconds(0.2), 1280, 720));
        // Moved back past the side: what is left inside the frame.
        Assert.Equal(new PixelRect(0, 464, 55, 29), DetectionProcessor.MovedBack(plate, (800f, 0f), TimeSpan.FromSeconds(0.2), 1280, 720).Bounds);
    }

    [Fact]
    public void A_detection_has_the_velocity_of_the_track_it_was_matched_to_and_a_new_one_none()
    {
        var tracks = new TrackSet();
        var carried = new List<Detection>();
        Detection plate = default;
        for (int f = 0; f < 4; f++)
        {
            plate = new Detection(new BoxF(100 + 6 * f, 500 - 3 * f, 45, 15), ObjectClass.Plate, 0.9f);
            tracks.Update(ModelFamilies.Plates, [plate], TimeSpan.FromSeconds(f / 25.0), carried);
        }
        var (vx, vy) = tracks.VelocityOf(plate, TimeSpan.FromSeconds(3 / 25.0));
        Assert.True(vx > 50 && vy < -25, $"velocity {vx:0},{vy:0} px/s, moving 150,-75");
        var elsewhere = new Detection(new BoxF(900, 100, 45, 15), ObjectClass.Plate, 0.9f);
        Assert.Equal(default, tracks.VelocityOf(elsewhere, TimeSpan.FromSeconds(3 / 25.0)));
        Assert.Equal(default, tracks.VelocityOf(plate, TimeSpan.FromSeconds(4 / 25.0))); // not matched on that frame
    }
}

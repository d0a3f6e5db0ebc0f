using Veil.Core.Detections;
using Veil.Core.Geometry;
using Veil.Vision.Pipeline;

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
}

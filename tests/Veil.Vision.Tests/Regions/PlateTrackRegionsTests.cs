using OpenCvSharp;
using Veil.Core.Detections;
using Veil.Core.Geometry;
using Veil.Vision.Regions;
using Veil.Vision.Tests.Support;
using Veil.Vision.Tracking;

namespace Veil.Vision.Tests.Regions;

/// <summary>
/// A small plate's track where the picture changed is read on its own, never shrunk to the text
/// budget; a large plate's track, and a small one where nothing changed (a parked car's, read in
/// its vehicle's crop), go with the change regions.
/// </summary>
public sealed class PlateTrackRegionsTests
{
    [Fact]
    public void Only_small_plate_tracks_where_the_picture_changed_are_read_apart()
    {
        using var grey = new Mat(720, 1280, MatType.CV_8UC3, Scalar.All(90));
        using var moved = grey.Clone();
        Cv2.Rectangle(moved, new Rect(300, 300, 40, 14), Scalar.All(230), -1); // a small plate arrives
        Cv2.Rectangle(moved, new Rect(800, 400, 160, 60), Scalar.All(230), -1); // a large one
        using var first = new TestFrame(grey);
        using var second = new TestFrame(moved);

        var planner = new LookPlanner(netFrames: 16);
        var plan = new LookPlan();
        var none = new List<PredictedBox>();
        planner.Plan(first.Planes, 0, none, none, plan);
        var seenLongAgo = TimeSpan.FromSeconds(1); // due a refresh even where nothing changed
        var plates = new List<PredictedBox>
        {
            new(new BoxF(290, 290, 60, 34), seenLongAgo),
            new(new BoxF(790, 390, 180, 80), seenLongAgo),
            new(new BoxF(100, 600, 60, 34), seenLongAgo),
        };
        planner.Plan(second.Planes, 1, none, plates, plan);

        Assert.False(plan.Full);
        var apart = Assert.Single(plan.PlateTrackRegions);
        Assert.True(Holds(apart, new PixelRect(290, 290, 60, 34)), $"the small moving plate's region is {apart}");
        Assert.Contains(plan.TextRegions, r => Holds(r, new PixelRect(790, 390, 180, 80)));
        Assert.Contains(plan.TextRegions, r => Holds(r, new PixelRect(100, 600, 60, 34)));
    }

    private static bool Holds(PixelRect outer, PixelRect inner)
        => outer.X <= inner.X && outer.Y <= inner.Y && outer.Right >= inner.Right && outer.Bottom >= inner.Bottom;
}

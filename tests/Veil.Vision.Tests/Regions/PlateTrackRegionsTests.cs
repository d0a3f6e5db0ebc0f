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
        var seenLongAgo = TimeSpan.FromSeconds(1); // due a refresh even where nothing changed
        var plates = new List<PredictedBox>
        {
            new(new BoxF(290, 290, 60, 34), seenLongAgo),
            new(new BoxF(790, 390, 180, 80), seenLongAgo),
            new(new BoxF(100, 600, 60, 34), seenLongAgo),
        };
        var plan = ChangePlan.After(moved =>
        {
            Cv2.Rectangle(moved, new Rect(300, 300, 40, 14), Scalar.All(230), -1); // a small plate arrives
            Cv2.Rectangle(moved, new Rect(800, 400, 160, 60), Scalar.All(230), -1); // a large one
        }, [], plates);

        Assert.False(plan.Full);
        var apart = Assert.Single(plan.PlateTrackRegions);
        Assert.True(apart.Holds(new PixelRect(290, 290, 60, 34)), $"the small moving plate's region is {apart}");
        Assert.Contains(plan.TextRegions, r => r.Holds(new PixelRect(790, 390, 180, 80)));
        Assert.Contains(plan.TextRegions, r => r.Holds(new PixelRect(100, 600, 60, 34)));
    }
}

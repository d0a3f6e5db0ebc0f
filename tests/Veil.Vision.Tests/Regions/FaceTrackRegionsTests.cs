using OpenCvSharp;
using Veil.Core.Detections;
using Veil.Core.Geometry;
using Veil.Vision.Regions;
using Veil.Vision.Tests.Support;
using Veil.Vision.Tracking;

namespace Veil.Vision.Tests.Regions;

/// <summary>
/// A small face's track where the picture changed is also listed apart, to be read again enlarged
/// when the large region holding it (a walking person's) is read shrunk; a large face's track, and
/// a small one where nothing changed, are only in the face regions.
/// </summary>
public sealed class FaceTrackRegionsTests
{
    [Fact]
    public void Small_face_tracks_where_the_picture_changed_are_listed_apart_and_stay_in_the_face_regions()
    {
        var seen = TimeSpan.FromMilliseconds(40);
        var faces = new List<PredictedBox>
        {
            new(new BoxF(315, 255, 30, 36), seen),
            new(new BoxF(800, 300, 150, 170), seen),
            new(new BoxF(100, 600, 30, 36), TimeSpan.FromSeconds(1)), // nothing changed there
        };
        var plan = ChangePlan.After(moved =>
        {
            Cv2.Rectangle(moved, new Rect(300, 250, 60, 200), Scalar.All(30), -1); // a person walks in, a small face on them
            Cv2.Rectangle(moved, new Rect(800, 300, 150, 170), Scalar.All(200), -1); // a large face
        }, faces, []);

        Assert.False(plan.Full);
        var apart = Assert.Single(plan.FaceTrackRegions);
        Assert.True(apart.Holds(new PixelRect(315, 255, 30, 36)), $"the small face's region is {apart}");
        Assert.True(Math.Max(apart.Width, apart.Height) < 128, $"the small face's region {apart} is not small");
        Assert.Contains(plan.FaceRegions, r => r.Holds(new PixelRect(315, 255, 30, 36)));
        Assert.Contains(plan.FaceRegions, r => r.Holds(new PixelRect(800, 300, 150, 170)));
    }
}

using Veil.Core.Detections;
using Veil.Core.Geometry;
using Veil.Vision.Planning;

namespace Veil.Vision.Tests.Planning;

public sealed class RedactionPlannerTests
{
    private static readonly HashSet<ObjectClass> Faces = [ObjectClass.Face];

    [Fact]
    public void A_small_face_grows_by_a_larger_share_than_a_large_one_and_mostly_towards_the_chin()
    {
        var small = RedactionPlanner.FaceBox(new BoxF(100, 100, 16, 16));
        var large = RedactionPlanner.FaceBox(new BoxF(100, 100, 160, 160));
        Assert.True(small.W / 16 > large.W / 160);
        Assert.True(small.Bottom - 116 > 100 - small.Y, "more room below than above");
    }

    [Fact]
    public void An_unsure_face_is_grown_further_than_a_sure_one_of_the_same_box()
    {
        var box = new BoxF(200, 100, 40, 48);
        var sure = RedactionPlanner.FaceBox(box, 0.9f);
        var unsure = RedactionPlanner.FaceBox(box, 0.4f);
        Assert.True(unsure.X < sure.X && unsure.Y < sure.Y && unsure.Right > sure.Right && unsure.Bottom > sure.Bottom);
        Assert.Equal(1.22f, unsure.W / sure.W, 2);
    }

    [Fact]
    public void A_tracks_box_already_holds_its_uncertainty_and_is_not_grown_for_its_score()
    {
        var unsure = new Detection(new BoxF(200, 100, 40, 48), ObjectClass.Face, 0.4f);
        var fresh = RedactionPlanner.Redacted(unsure, Faces)!.Value;
        var tracked = RedactionPlanner.Redacted(unsure, Faces, tracked: true)!.Value;
        Assert.Equal(RedactionPlanner.FaceBox(unsure.Box, 1f), tracked);
        Assert.True(fresh.W > tracked.W);
    }

    [Fact]
    public void Reaching_further_down_moves_only_the_bottom_by_its_share_of_the_height()
    {
        var face = new Detection(new BoxF(200, 100, 40, 60), ObjectClass.Face, 0.9f);
        var still = RedactionPlanner.Redacted(face, Faces)!.Value;
        var video = RedactionPlanner.Redacted(face, Faces, faceBelow: 0.3f)!.Value;
        Assert.Equal(still.X, video.X);
        Assert.Equal(still.Y, video.Y);
        Assert.Equal(still.W, video.W);
        Assert.Equal(still.Bottom + 0.3f * 60, video.Bottom, 3);
    }
}

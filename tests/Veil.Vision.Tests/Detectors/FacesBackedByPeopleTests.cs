using Veil.Core.Detections;
using Veil.Vision.Detectors;
using Veil.Vision.Tracking;

namespace Veil.Vision.Tests.Detectors;

/// <summary>A face where a person's face can be is scored by both models, enough to start a track; elsewhere it keeps its own score.</summary>
public sealed class FacesBackedByPeopleTests
{
    private static readonly Detection Bust = new(new BoxF(100, 100, 60, 130), ObjectClass.Person, 0.6f);

    [Fact]
    public void A_faint_face_on_a_persons_head_is_scored_by_both_models_and_starts_a_track()
    {
        var faces = new List<Detection> { new(new BoxF(110, 130, 40, 50), ObjectClass.Face, 0.3f) };
        PrivacyDetector.BackFacesByPeople([Bust], 0, faces);
        Assert.Equal(1f - 0.7f * 0.4f, faces[0].Score, 4);
        Assert.True(faces[0].Score >= new TrackerOptions().NewTrackScore);
        Assert.Equal(new BoxF(110, 130, 40, 50), faces[0].Box);
    }

    [Theory]
    [InlineData(110, 190, 40, 50)] // centre below the top 60 % of the person: legs, a bag
    [InlineData(125, 130, 10, 12)] // a sixth of the person wide: a pattern on the clothes
    [InlineData(300, 130, 40, 50)] // beside the person
    public void A_face_where_no_persons_face_can_be_keeps_its_score(float x, float y, float w, float h)
    {
        var faces = new List<Detection> { new(new BoxF(x, y, w, h), ObjectClass.Face, 0.3f) };
        PrivacyDetector.BackFacesByPeople([Bust], 0, faces);
        Assert.Equal(0.3f, faces[0].Score);
    }

    [Fact]
    public void Only_people_found_on_this_run_back_a_face_and_a_vehicle_does_not()
    {
        var faces = new List<Detection> { new(new BoxF(110, 130, 40, 50), ObjectClass.Face, 0.3f) };
        var car = Bust with { Class = ObjectClass.Car };
        PrivacyDetector.BackFacesByPeople([Bust, car], 1, faces);
        Assert.Equal(0.3f, faces[0].Score);
    }
}

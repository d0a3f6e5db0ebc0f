using System.CommandLine;
using Veil.Server.Cli;
using Veil.Vision.Detectors;

namespace Veil.Server.Tests.Anonymize;

/// <summary>
/// Video keeps fainter faces than stills by default (a face missed on video stays readable for
/// seconds), and its face boxes reach further down; a given --face-score wins.
/// </summary>
public sealed class VideoFaceScoreTests
{
    [Theory]
    [InlineData("", DetectorOptions.VideoFaceScore)]
    [InlineData("--face-score 0.45", 0.45f)]
    public void Video_takes_the_video_default_unless_a_score_is_given(string given, float expected)
        => Assert.Equal(expected, Parse(given, video: true).FaceScore);

    [Theory]
    [InlineData("", 0.3f)]
    [InlineData("--face-score 0.45", 0.45f)]
    public void Stills_keep_the_still_default_unless_a_score_is_given(string given, float expected)
        => Assert.Equal(expected, Parse(given, video: false).FaceScore);

    [Fact]
    public void The_video_default_is_below_the_still_one()
        => Assert.True(DetectorOptions.VideoFaceScore < new DetectorOptions().FaceScore);

    [Fact]
    public void Video_face_boxes_reach_further_down_and_stills_keep_theirs()
    {
        Assert.Equal(DetectorOptions.VideoFaceBelow, Parse("--face-score 0.45", video: true).FaceBelow);
        Assert.Equal(0f, Parse("", video: false).FaceBelow);
    }

    [Fact]
    public void Faces_are_backed_by_people_on_video_only()
    {
        Assert.True(Parse("", video: true).FacesBackedByPeople);
        Assert.False(Parse("", video: false).FacesBackedByPeople);
    }

    private static DetectorOptions Parse(string given, bool video)
    {
        var detection = new DetectionOptionsCli();
        var command = new RootCommand();
        detection.AddTo(command);
        return detection.Options(command.Parse(given), video);
    }
}

using Veil.Media.Pipeline;
using Veil.Server.Cli;

namespace Veil.Server.Tests.Cli;

public sealed class ProgressLineTests
{
    [Fact]
    public void A_video_line_gives_frames_position_and_eta()
    {
        var p = new TranscodeProgress(250, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(5));
        Assert.Equal("veil: 250 frames, 00:00:10 (25 %), 50 fps ETA 0:15", ProgressDisplay.Line(p, null, 0));
    }

    [Fact]
    public void An_image_set_line_counts_images_out_of_the_total_not_a_media_position()
    {
        // veil eval printed "22 frames, 00:00:22 (5 %)": each image counted as a second of video.
        var p = new TranscodeProgress(22, TimeSpan.FromSeconds(22), TimeSpan.FromSeconds(424), TimeSpan.FromSeconds(2));
        Assert.Equal("veil: 22 of 424 images (5 %), 11 images/s ETA 0:36", ProgressDisplay.Line(p, "images", 424));
    }
}

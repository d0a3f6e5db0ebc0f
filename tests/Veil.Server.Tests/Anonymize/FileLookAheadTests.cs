using Veil.Server.Anonymize;

namespace Veil.Server.Tests.Anonymize;

/// <summary>A file read into files holds frames longer by default (no viewer waits); a camera, a paced or streamed output keeps the live default.</summary>
public sealed class FileLookAheadTests
{
    [Theory]
    [InlineData("clip.mp4", "out.mp4", null, true)]
    [InlineData("file:clip.mp4", "out.mkv", null, true)]
    [InlineData("http://host/clip.mp4", "out.mp4", null, true)]
    [InlineData("clip.mp4", "out.mp4", true, false)] // --realtime: paced as a camera is
    [InlineData("rtsp://camera/stream", "out.mp4", null, false)]
    [InlineData("srt://127.0.0.1:9000", "out.mp4", null, false)]
    [InlineData("clip.mp4", "rtmp://127.0.0.1/live/key", null, false)]
    public void Only_a_file_into_files_is_file_to_file(string input, string output, bool? realtime, bool fileToFile)
    {
        var settings = new AnonymizeSettings(input, [output]) { Realtime = realtime };
        Assert.Equal(fileToFile, settings.FileToFile);
    }

    [Fact]
    public void The_file_look_ahead_is_longer_than_the_live_one()
    {
        Assert.True(AnonymizeSettings.FileLookAhead > AnonymizeSettings.DefaultLookAhead);
        Assert.Equal(AnonymizeSettings.DefaultLookAhead, new AnonymizeSettings("clip.mp4", ["out.mp4"]).LookAhead);
    }
}

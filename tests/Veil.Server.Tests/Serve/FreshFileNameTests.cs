using Microsoft.Extensions.Logging.Abstractions;
using Veil.Server.OutputFiles;
using Veil.Server.Serve;
using Veil.TestSupport;

namespace Veil.Server.Tests.Serve;

/// <summary>
/// Each opening of a serve file destination gets a file of its own: the name asked for while it is
/// free, then numbered names beside it. A file that is there (an earlier run's recording, a user's
/// file, a link) keeps its bytes; URLs, stdout and pipes are opened as they are. An opening that
/// wrote nothing takes its own empty file again rather than leave one per retry.
/// </summary>
public sealed class FreshFileNameTests
{
    [Fact]
    public void A_name_that_is_taken_is_never_opened_again_and_the_next_free_number_is_claimed()
    {
        string dir = SharedData.OutDirectory("fresh-file-name");
        foreach (var old in Directory.GetFiles(dir)) File.Delete(old);
        string asked = Path.Combine(dir, "cam.mkv"), elsewhere = Path.Combine(dir, "holiday.mkv");

        Assert.Equal(asked, FreshFileName.Claim(asked)); // free: the name itself, created empty
        File.WriteAllText(asked, "the first run's recording");
        File.WriteAllText(elsewhere, "someone's file");
        File.CreateSymbolicLink(Path.Combine(dir, "cam-2.mkv"), elsewhere); // a link is taken: never written through
        File.CreateSymbolicLink(Path.Combine(dir, "cam-3.mkv"), Path.Combine(dir, "nowhere.mkv")); // so is a dangling one

        string next = FreshFileName.Claim(asked);
        Assert.Equal(Path.Combine(dir, "cam-4.mkv"), next);
        Assert.Equal(0, new FileInfo(next).Length);
        Assert.Equal("the first run's recording", File.ReadAllText(asked));
        Assert.Equal("someone's file", File.ReadAllText(elsewhere));
        Assert.False(File.Exists(Path.Combine(dir, "nowhere.mkv")));
        Assert.Equal(Path.Combine(dir, "cam-5.mkv"), FreshFileName.Claim("file:" + asked));
    }

    [Fact]
    public void An_opening_that_wrote_nothing_takes_its_empty_file_again_and_one_that_wrote_moves_on()
    {
        string dir = SharedData.OutDirectory("destination-files");
        foreach (var old in Directory.GetFiles(dir)) File.Delete(old);
        var files = new DestinationFiles("cam", NullLogger.Instance);
        string asked = Path.Combine(dir, "cam.flv"), url = "rtmp://127.0.0.1/live/cam";

        Assert.Equal(asked, files.Open(asked));
        Assert.Equal(asked, files.Open(asked)); // failed before writing: the same empty file, not cam-2.flv
        File.WriteAllText(asked, "FLV and a run's packets");
        Assert.Equal(Path.Combine(dir, "cam-2.flv"), files.Open(asked));
        Assert.Equal("FLV and a run's packets", File.ReadAllText(asked));
        Assert.Equal(Path.Combine(dir, "cam-2.flv"), files.Current(asked));
        Assert.Equal(url, files.Open(url));
        Assert.Null(files.Current(url));
    }

    [Theory]
    [InlineData("rtmp://127.0.0.1/live/cam")]
    [InlineData("srt://127.0.0.1:9000")]
    [InlineData("-")]
    [InlineData("pipe:1")]
    public void A_url_stdout_or_pipe_is_opened_as_it_is(string destination) => Assert.Equal(destination, FreshFileName.Claim(destination));

    [Fact]
    public void A_folder_that_is_not_there_fails_with_the_reason_rather_than_looping()
    {
        var e = Assert.ThrowsAny<IOException>(() => FreshFileName.Claim(Path.Combine(SharedData.OutDirectory("fresh-file-name"), "no-such-folder", "cam.mkv")));
        Assert.IsType<DirectoryNotFoundException>(e);
    }
}

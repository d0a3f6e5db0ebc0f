using Microsoft.Extensions.Logging.Abstractions;
using Veil.Server.Serve.Recording;
using Veil.TestSupport;

namespace Veil.Server.Tests.Serve.Recording;

/// <summary>Retention on real files: the caps per stream and in total delete the oldest files first, and a crash's ".part" goes at start.</summary>
public sealed class RecordingFolderTests
{
    [Fact]
    public void Files_over_the_caps_are_deleted_oldest_first_per_stream_then_in_total()
    {
        string root = Path.Combine(SharedData.OutDirectory("recording-retention"), "files");
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        var now = DateTime.UtcNow;
        // Stream a: five 1,000-byte files a minute apart; stream b: two, older than all of a's.
        for (int i = 0; i < 5; i++) Write(root, "a", $"a{i}.mp4", now.AddMinutes(-10 + i));
        Write(root, "b", "b0.mp4", now.AddMinutes(-30));
        Write(root, "b", "b1.mp4", now.AddMinutes(-29));
        Write(root, "a", "crashed.mp4.part", now);

        var folder = new RecordingFolder(new RecordingSettings { Directory = root, MaxMegabytesPerStream = 0.003, MaxMegabytesTotal = 0.004 }, NullLogger.Instance);
        Assert.False(File.Exists(Path.Combine(root, "a", "crashed.mp4.part")));
        folder.For("a"); // a run starts: retention is applied

        // Per stream: a keeps its newest three (3,000 bytes); in total (4,000) the oldest left overall, b's, go first.
        Assert.Equal(["a2.mp4", "a3.mp4", "a4.mp4"], folder.Files("a").Select(f => f.Name));
        Assert.Equal(["b1.mp4"], folder.Files("b").Select(f => f.Name));
    }

    [Fact]
    public void Files_older_than_keep_hours_are_deleted()
    {
        string root = Path.Combine(SharedData.OutDirectory("recording-age"), "files");
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        Write(root, "a", "old.mp4", DateTime.UtcNow.AddHours(-2));
        Write(root, "a", "new.mp4", DateTime.UtcNow.AddMinutes(-30));
        var folder = new RecordingFolder(new RecordingSettings { Directory = root, KeepHours = 1 }, NullLogger.Instance);
        folder.For("a");
        Assert.Equal(["new.mp4"], folder.Files("a").Select(f => f.Name));
    }

    private static void Write(string root, string stream, string name, DateTime closed)
    {
        Directory.CreateDirectory(Path.Combine(root, stream));
        string path = Path.Combine(root, stream, name);
        File.WriteAllBytes(path, new byte[1000]);
        File.SetLastWriteTimeUtc(path, closed);
    }
}

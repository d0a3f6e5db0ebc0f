using Microsoft.Extensions.Logging.Abstractions;
using Veil.Server.Serve.Recording;
using Veil.TestSupport;

namespace Veil.Server.Tests.Serve.Recording;

/// <summary>
/// Retention on real files: the caps per stream and in total delete the oldest files first, a crash's ".part" goes at start,
/// and nothing Veil did not name is listed or deleted.
/// </summary>
public sealed class RecordingFolderTests
{
    [Fact]
    public void Files_over_the_caps_are_deleted_oldest_first_per_stream_then_in_total()
    {
        string root = Path.Combine(SharedData.OutDirectory("recording-retention"), "files");
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        var now = DateTime.UtcNow;
        // Stream a: five 1,000-byte files a minute apart; stream b: two, older than all of a's.
        for (int i = 0; i < 5; i++) Write(root, "a", A(i), now.AddMinutes(-10 + i));
        Write(root, "b", B0, now.AddMinutes(-30));
        Write(root, "b", B1, now.AddMinutes(-29));
        Write(root, "a", "20261206T120500.000Z.mp4.part", now);

        var folder = new RecordingFolder(new RecordingSettings { Directory = root, MaxMegabytesPerStream = 0.003, MaxMegabytesTotal = 0.004 }, NullLogger.Instance);
        Assert.False(File.Exists(Path.Combine(root, "a", "20261206T120500.000Z.mp4.part")));
        folder.For("a"); // a run starts: retention is applied

        // Per stream: a keeps its newest three (3,000 bytes); in total (4,000) the oldest left overall, b's, go first.
        Assert.Equal([A(2), A(3), A(4)], folder.Files("a").Select(f => f.Name));
        Assert.Equal([B1], folder.Files("b").Select(f => f.Name));
    }

    [Fact]
    public void Files_older_than_keep_hours_are_deleted()
    {
        string root = Path.Combine(SharedData.OutDirectory("recording-age"), "files");
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        Write(root, "a", A(0), DateTime.UtcNow.AddHours(-2));
        Write(root, "a", A(1), DateTime.UtcNow.AddMinutes(-30));
        var folder = new RecordingFolder(new RecordingSettings { Directory = root, KeepHours = 1 }, NullLogger.Instance);
        folder.For("a");
        Assert.Equal([A(1)], folder.Files("a").Select(f => f.Name));
    }

    [Fact]
    public void A_users_own_files_in_the_folder_are_never_listed_or_deleted()
    {
        string root = Path.Combine(SharedData.OutDirectory("recording-user-files"), "files");
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        var old = DateTime.UtcNow.AddHours(-5);
        // Files Veil did not write, as old and as large as anything retention deletes, and ".part" files of someone else's.
        string[] theirs =
        [
            Path.Combine(root, "holiday.mp4"), Path.Combine(root, "download.mp4.part"),
            Path.Combine(root, "a", "holiday.mp4"), Path.Combine(root, "a", "upload.mp4.part"), Path.Combine(root, "a", "20261206T120000.000Z.mov"),
            Path.Combine(root, "a", "nested", "20261206T120000.000Z.mp4.part"), Path.Combine(root, "a", "nested", "20261206T120000.000Z.mp4"),
        ];
        foreach (var path in theirs) Write(path, old);
        Write(root, "a", A(0), old);

        var folder = new RecordingFolder(new RecordingSettings { Directory = root, KeepHours = 1, MaxMegabytesPerStream = 0.0001, MaxMegabytesTotal = 0.0001 }, NullLogger.Instance);
        folder.For("a");

        Assert.Empty(folder.Files("a"));                     // Veil's own old file went
        Assert.All(theirs, path => Assert.True(File.Exists(path), path + " was deleted"));
    }

    private static string A(int i) => $"20261206T1200{i:00}.000Z.mp4";
    private const string B0 = "20261206T113000.000Z.mp4", B1 = "20261206T113100.000Z.mp4";

    private static void Write(string root, string stream, string name, DateTime closed) => Write(Path.Combine(root, stream, name), closed);

    private static void Write(string path, DateTime closed)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[1000]);
        File.SetLastWriteTimeUtc(path, closed);
    }
}

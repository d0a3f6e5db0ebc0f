using Microsoft.Extensions.Logging;
using Veil.Media.Mux;
using Veil.Media.Pipeline;

namespace Veil.Server.Serve.Recording;

/// <summary>
/// The server's recordings: a folder per stream of whole MP4 files of the anonymized output (the
/// encoder's packets, no second encode), written by <see cref="SegmentedRecording"/> on a side
/// output of each run. After each file is closed, files past the retention are deleted, oldest
/// first: older than KeepHours, then over the stream's size cap, then over the total cap. Only files
/// named as <see cref="SegmentedRecording"/> names them, one folder deep, are listed or deleted:
/// the folder may hold a user's own files.
/// </summary>
internal sealed class RecordingFolder
{
    private readonly RecordingSettings _settings;
    private readonly ILogger _log;
    private readonly object _gate = new(); // streams close files on their own threads; one retention pass at a time

    public RecordingFolder(RecordingSettings settings, ILogger log)
    {
        _settings = settings;
        _log = log;
        Root = Path.GetFullPath(settings.Directory);
        Directory.CreateDirectory(Root);
        // A ".part" at start was being written when the server stopped without closing it (a crash, a kill): it has no index.
        var parts = new DirectoryInfo(Root).GetDirectories().SelectMany(d => d.GetFiles("*" + SegmentedRecording.PartSuffix))
            .Where(f => SegmentedRecording.IsOwnPart(f.Name)).Select(f => f.FullName);
        foreach (var part in parts)
        {
            File.Delete(part);
            RecordingLog.DeletedUnfinished(_log, Path.GetRelativePath(Root, part));
        }
    }

    public string Root { get; }

    public string Of(string stream) => Path.Combine(Root, stream);

    /// <summary>The side output recording one run of <paramref name="stream"/>.</summary>
    public SideOutput For(string stream)
    {
        string dir = Of(stream);
        Directory.CreateDirectory(dir);
        Enforce();
        return new SideOutput("recording", "mp4", open => new SegmentedRecording(dir, TimeSpan.FromSeconds(_settings.SegmentSeconds),
            path => open(path), file => Enforce()));
    }

    /// <summary>A stream's closed files, oldest first.</summary>
    public IReadOnlyList<FileInfo> Files(string stream) =>
        Directory.Exists(Of(stream)) ? OwnFiles(new DirectoryInfo(Of(stream))).OrderBy(f => f.Name, StringComparer.Ordinal).ToList() : [];

    private static IEnumerable<FileInfo> OwnFiles(DirectoryInfo dir) => dir.GetFiles("*.mp4").Where(f => SegmentedRecording.IsOwnFile(f.Name));

    private void Enforce()
    {
        lock (_gate)
        {
            var all = new DirectoryInfo(Root).GetDirectories().SelectMany(OwnFiles).OrderBy(f => f.LastWriteTimeUtc).ToList();
            var expired = DateTime.UtcNow - TimeSpan.FromHours(_settings.KeepHours);
            foreach (var file in all.Where(f => f.LastWriteTimeUtc < expired).ToList()) Delete(file, all, "older than Veil:Recording:KeepHours");
            if (_settings.MaxMegabytesPerStream > 0)
                foreach (var stream in all.GroupBy(f => f.DirectoryName).ToList())
                    TrimTo(stream.ToList(), _settings.MaxMegabytesPerStream, all, "Veil:Recording:MaxMegabytesPerStream");
            if (_settings.MaxMegabytesTotal > 0) TrimTo(all.ToList(), _settings.MaxMegabytesTotal, all, "Veil:Recording:MaxMegabytesTotal");
        }
    }

    /// <summary>Deletes the oldest of <paramref name="files"/> until they fit in <paramref name="megabytes"/>.</summary>
    private void TrimTo(List<FileInfo> files, double megabytes, List<FileInfo> all, string why)
    {
        long left = files.Sum(f => f.Length);
        foreach (var file in files)
        {
            if (left <= megabytes * 1e6) return;
            left -= file.Length;
            Delete(file, all, "over " + why);
        }
    }

    private void Delete(FileInfo file, List<FileInfo> all, string why)
    {
        try
        {
            file.Delete();
            all.Remove(file);
            RecordingLog.Deleted(_log, Path.GetRelativePath(Root, file.FullName), why);
        }
        catch (IOException e) { RecordingLog.CannotDelete(_log, file.FullName, e.Message); }
    }
}

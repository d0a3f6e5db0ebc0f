using Microsoft.Extensions.Logging;
using Veil.Media.Mux;
using Veil.Media.Pipeline;

namespace Veil.Server.Serve.Hls;

/// <summary>
/// The server's HLS files: a folder per stream, written by FFmpeg's hls muxer from the run's
/// encoded packets (the anonymized output, nothing else) and served by <see cref="HlsEndpoints"/>.
/// Each run starts from an empty folder; a stream removed takes its folder with it.
/// </summary>
internal sealed class HlsFolder : IDisposable
{
    public const string Playlist = "index.m3u8";
    private readonly HlsSettings _settings;
    private readonly bool _owned;
    private readonly ILogger _log;

    public HlsFolder(HlsSettings settings, ILogger log)
    {
        _settings = settings;
        _log = log;
        _owned = settings.Directory.Length == 0;
        Root = Path.GetFullPath(_owned ? Path.Combine(Path.GetTempPath(), $"veil-hls-{Environment.ProcessId}") : settings.Directory);
        System.IO.Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>The folder of a stream (names are checked by <see cref="StreamSpec"/>: letters, digits, '-', '_').</summary>
    public string Of(string stream) => Path.Combine(Root, stream);

    /// <summary>The side output that writes one run of <paramref name="stream"/>; the folder is emptied of the previous run first.</summary>
    public SideOutput For(string stream)
    {
        Clear(stream);
        System.IO.Directory.CreateDirectory(Of(stream));
        return new SideOutput("HLS", "hls", open => Open(open, stream));
    }

    private IPacketSink Open(OutputOpener open, string stream)
    {
        string dir = Of(stream);
        var options = new Dictionary<string, string>
        {
            ["hls_segment_type"] = "fmp4",
            ["hls_time"] = _settings.SegmentSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["hls_list_size"] = _settings.ListSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // temp_file: segments and the playlist are written under .tmp names and renamed, so a player never reads half a file.
            ["hls_flags"] = "delete_segments+independent_segments+temp_file+program_date_time",
            // Numbers from the clock: a new run (a publisher back) continues the sequence, which players expect of a live playlist.
            ["hls_start_number_source"] = "epoch",
            // A new init segment per opening: the encoder (and its SPS) is new, and players cache init segments by name.
            ["hls_fmp4_init_filename"] = $"init-{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}.mp4",
            ["hls_segment_filename"] = Path.Combine(dir, "seg-%d.m4s"),
        };
        return open(Path.Combine(dir, Playlist), options);
    }

    /// <summary>
    /// Deletes a stream's files (a new run, or the stream removed): only those Veil's HLS writes,
    /// never the folder's other contents (Veil:Hls:Directory may name a folder the user keeps more in).
    /// </summary>
    public void Clear(string stream)
    {
        try
        {
            string dir = Of(stream);
            if (!System.IO.Directory.Exists(dir)) return;
            foreach (var file in System.IO.Directory.EnumerateFiles(dir).Where(IsOurs).ToList()) File.Delete(file);
            if (!System.IO.Directory.EnumerateFileSystemEntries(dir).Any()) System.IO.Directory.Delete(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { HlsLog.CannotDeleteOldFiles(_log, stream, e.Message); }
    }

    private static bool IsOurs(string path)
    {
        string name = Path.GetFileName(path);
        if (name.EndsWith(".tmp", StringComparison.Ordinal)) name = name[..^4]; // temp_file's names before the rename
        return name == Playlist || System.Text.RegularExpressions.Regex.IsMatch(name, @"^(seg-\d+\.m4s|init-\d+\.mp4)$");
    }

    public void Dispose()
    {
        if (!_owned) return;
        try { System.IO.Directory.Delete(Root, recursive: true); }
        catch (IOException) { } // a file still being written: the temp folder's own cleanup takes it
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Veil.Server.OutputFiles;

namespace Veil.Server.Serve;

/// <summary>The file each of a stream's file destinations writes now (<see cref="FreshFileName"/>): opened by runs, shown by the API.</summary>
internal sealed class DestinationFiles(string stream, ILogger log)
{
    private readonly ConcurrentDictionary<string, string> _current = new();

    /// <summary>Claims a file of its own for this opening of <paramref name="destination"/>; a URL is opened as it is.</summary>
    public string Open(string destination)
    {
        if (LocalFile.PathOf(destination) is not { } asked) return destination;
        // An opening that wrote nothing (it failed at once: a full disk, a folder made read-only)
        // takes its own empty file again: a destination retrying every few seconds for hours would
        // otherwise leave a new empty file each time.
        if (_current.TryGetValue(destination, out var last) && new FileInfo(last) is { Exists: true, LinkTarget: null, Length: 0 }) return last;
        string opened = FreshFileName.Claim(destination);
        _current[destination] = opened;
        if (opened != asked) StreamLog.WritingBeside(log, stream, asked, Path.GetFileName(opened));
        return opened;
    }

    /// <summary>The file <paramref name="destination"/> was last opened as; null for a URL or before its first opening.</summary>
    public string? Current(string destination) => _current.GetValueOrDefault(destination);
}

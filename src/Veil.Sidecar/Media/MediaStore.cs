using System.Security.Cryptography;

namespace Veil.Sidecar.Media;

/// <summary>
/// Event snapshots and clips on disk, named by the SHA-256 of their content: <c>ab/abcdef…</c>
/// under the root. A file appears whole or not at all (written to a temp file, flushed, renamed),
/// so a crash never leaves a torn file under a hash name, and two writers of the same content agree.
/// Names are 64 hex characters, checked before any path is made: no path traversal is possible.
/// </summary>
public sealed class MediaStore
{
    private static readonly TimeSpan StaleTemp = TimeSpan.FromHours(1);

    public MediaStore(string directory)
    {
        Root = Path.GetFullPath(directory);
        Directory.CreateDirectory(TempDirectory);
        RemoveStaleTemps();
    }

    public string Root { get; }

    private string TempDirectory => Path.Combine(Root, ".tmp");

    /// <summary>True for exactly 64 lowercase hex characters.</summary>
    public static bool IsValidName(string? sha256) =>
        sha256 is { Length: 64 } && sha256.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>The file for a stored hash, or null when it is not stored (or not a valid name).</summary>
    public string? Find(string sha256)
    {
        if (!IsValidName(sha256)) return null;
        var path = PathOf(sha256);
        return File.Exists(path) ? path : null;
    }

    /// <summary>The stored file's description, with its content type sniffed from its first bytes; null when not stored.</summary>
    public async Task<StoredMedia?> DescribeAsync(string sha256, CancellationToken cancellationToken)
    {
        if (Find(sha256) is not { } path) return null;
        await using var file = File.OpenRead(path);
        var head = new byte[MediaTypes.SniffLength];
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return new StoredMedia(sha256, file.Length, MediaTypes.Sniff(head.AsSpan(0, read)));
    }

    /// <summary>
    /// Stores <paramref name="content"/> (at most <paramref name="maxBytes"/>), hashing while writing;
    /// throws <see cref="MediaRejectedException"/> when it is larger, does not hash to <paramref name="expectedSha256"/>,
    /// or is not one of <paramref name="allowedTypes"/> (null: any content).
    /// </summary>
    public async Task<StoredMedia> PutAsync(Stream content, string? expectedSha256, long maxBytes, IReadOnlyCollection<string>? allowedTypes,
        CancellationToken cancellationToken)
    {
        if (expectedSha256 is not null && !IsValidName(expectedSha256))
            throw new MediaRejectedException($"'{expectedSha256}' is not a SHA-256 in lowercase hex (64 characters of 0-9a-f)");
        var temp = Path.Combine(TempDirectory, Guid.NewGuid().ToString("N"));
        try
        {
            var (sha256, length, head) = await WriteHashedAsync(content, temp, maxBytes, cancellationToken);
            if (expectedSha256 is not null && expectedSha256 != sha256)
                throw new MediaRejectedException($"content hashes to {sha256}, not the declared {expectedSha256}: corrupted in transit?");
            var type = MediaTypes.Sniff(head);
            if (allowedTypes is not null && (type is null || !allowedTypes.Contains(type)))
                throw new MediaRejectedException($"content is {type ?? "of an unknown type"}, not {string.Join(" or ", allowedTypes)}");
            var path = PathOf(sha256);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(temp, path, overwrite: true); // rename(2): atomic; same name means same bytes
            return new StoredMedia(sha256, length, type);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static async Task<(string Sha256, long Length, byte[] Head)> WriteHashedAsync(Stream content, string temp, long maxBytes, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new List<byte>(MediaTypes.SniffLength);
        long length = 0;
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                length += read;
                if (length > maxBytes) throw new MediaRejectedException($"media is larger than the {maxBytes} bytes allowed");
                hash.AppendData(buffer, 0, read);
                head.AddRange(buffer.AsSpan(0, Math.Min(read, MediaTypes.SniffLength - head.Count)));
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            file.Flush(flushToDisk: true); // on disk before the rename makes it visible
        }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), length, head.ToArray());
    }

    private string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256);

    /// <summary>Temp files a crash left behind; old ones only, as another sidecar may share this directory.</summary>
    private void RemoveStaleTemps()
    {
        foreach (var file in new DirectoryInfo(TempDirectory).EnumerateFiles())
        {
            if (DateTime.UtcNow - file.LastWriteTimeUtc > StaleTemp) file.Delete();
        }
    }
}

namespace Veil.Vision.Models;

/// <summary>
/// Copies a model file from a local folder. A relative folder is tried under each source root in turn
/// (repository roots, then the manifest's folder), so <c>../shared/models/face</c> works from a checkout.
/// </summary>
internal sealed class DirModelFetcher(IReadOnlyList<string> sourceRoots) : IModelSourceFetcher
{
    public async Task FetchAsync(ModelSource source, ModelSpec spec, string destination, CancellationToken cancellationToken)
    {
        var name = string.IsNullOrWhiteSpace(source.Entry) ? spec.File : source.Entry;
        var candidates = Folders(source.Dir!).Select(dir => Path.GetFullPath(Path.Combine(dir, name))).Distinct().ToArray();
        var found = candidates.FirstOrDefault(File.Exists);
        if (found is null)
        {
            throw new ModelSourceUnavailableException(candidates.Length == 0
                ? $"{name}: relative folder and no repository root to resolve it against"
                : $"not found: {string.Join(", ", candidates)}");
        }
        try
        {
            await using var from = new FileStream(found, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16,
                FileOptions.SequentialScan | FileOptions.Asynchronous);
            await ModelFileCopy.CopyAsync(from, destination, ModelFileCopy.Limit(spec), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
        {
            throw new ModelSourceUnavailableException($"{found}: {e.Message}", e);
        }
    }

    private IEnumerable<string> Folders(string dir)
    {
        if (dir == "~" || dir.StartsWith("~/", StringComparison.Ordinal))
            return [Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), dir.TrimStart('~', '/'))];
        if (Path.IsPathRooted(dir)) return [dir];
        return sourceRoots.Select(root => Path.Combine(root, dir));
    }
}

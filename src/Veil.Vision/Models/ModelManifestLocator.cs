namespace Veil.Vision.Models;

/// <summary>
/// Finds the default manifest and the folders that relative <c>dir</c> sources are read from. A
/// "repository root" is any folder holding <c>models/models.json</c>, found by walking up from the
/// working directory and from the program's folder.
/// </summary>
internal static class ModelManifestLocator
{
    public const string RelativePath = "models/models.json";

    /// <param name="fromEnvironment">The value of <c>$VEIL_MODELS_MANIFEST</c> (passed in so tests need not set it).</param>
    public static string? FindDefault(string? fromEnvironment, out string searched)
    {
        var cwd = Directory.GetCurrentDirectory();
        var baseDir = AppContext.BaseDirectory;
        searched = $"${ModelManifest.EnvironmentVariable}, {RelativePath} in {cwd} and its parents, "
            + $"in {baseDir} and its parents";
        if (!string.IsNullOrEmpty(fromEnvironment))
            return Path.GetFullPath(fromEnvironment); // set explicitly: a missing file is an error, not a fallback
        foreach (var root in RepositoryRoots()) return Path.Combine(root, RelativePath);
        var beside = Path.Combine(baseDir, RelativePath);
        return File.Exists(beside) ? beside : null;
    }

    /// <summary>Folders a relative <c>dir</c> source is tried under, in order.</summary>
    public static IReadOnlyList<string> SourceRoots(string manifestPath)
    {
        var roots = new List<string>();
        var manifestDir = Path.GetDirectoryName(manifestPath)!;
        // The manifest's own repository first: it is the one whose relative folders were written for it.
        if (Path.GetFileName(manifestPath) == "models.json" && Path.GetFileName(manifestDir) == "models"
            && Path.GetDirectoryName(manifestDir) is { } own)
            roots.Add(own);
        roots.AddRange(RepositoryRoots());
        roots.Add(manifestDir);
        return roots.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToArray();
    }

    private static IEnumerable<string> RepositoryRoots()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, RelativePath)) && seen.Add(dir.FullName))
                    yield return dir.FullName;
            }
        }
    }
}

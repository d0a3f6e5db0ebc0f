using Veil.TestSupport;
using Veil.Vision.Models;

namespace Veil.Server.Tests.Detection;

/// <summary>
/// The real models, pulled once per test run by `veil models pull` into a cache of the tests' own
/// (out/models-cache, git-ignored; never ~/.cache), so detection tests work on a clean machine. The
/// pull is idempotent: files already verified stay; the repository manifest's folder source
/// (../shared/models) serves them offline.
/// </summary>
public sealed class ModelsFixture : IAsyncLifetime
{
    public string CacheDir { get; } = SharedData.OutDirectory("models-cache");

    /// <summary>Environment for a `veil` child that must use this cache.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        [ModelStore.CacheEnvironmentVariable] = CacheDir,
        [ModelManifest.EnvironmentVariable] = RepositoryManifest,
    };

    public static string RepositoryManifest => Path.Combine(SharedData.RepoRoot, "models", "models.json");

    public async Task InitializeAsync()
    {
        var pull = await VeilProcess.RunAsync(TimeSpan.FromMinutes(10), "models", "pull", "--cache", CacheDir, "--manifest", RepositoryManifest);
        pull.EnsureSuccess();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs `veil` with this cache.</summary>
    public Task<ProcessResult> RunVeilAsync(TimeSpan timeout, params string[] args) => VeilProcess.RunAsync(Environment, timeout, args);

    /// <summary>The repository manifest and a store over this cache, for in-process detection.</summary>
    public (ModelManifest Manifest, ModelStore Store) Store()
    {
        var manifest = ModelManifest.Load(RepositoryManifest);
        return (manifest, ModelStore.For(manifest, CacheDir));
    }
}

[CollectionDefinition(Name)]
public sealed class ModelsCollection : ICollectionFixture<ModelsFixture>
{
    public const string Name = "models";
}

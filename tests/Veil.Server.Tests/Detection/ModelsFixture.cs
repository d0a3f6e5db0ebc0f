using OpenCvSharp;
using Veil.Core.Frames;
using Veil.TestSupport;
using Veil.Vision.Detectors;
using Veil.Vision.Imaging;
using Veil.Vision.Inference;
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

    /// <summary>Veil's own detectors, in process, on a picture (what a test finds before and after).</summary>
    public List<Core.Detections.Detection> Detect(Mat bgr, DetectorOptions options)
    {
        var (manifest, store) = Store();
        using var set = ModelSet.Load(manifest, store.Require, options, InferenceDevice.Cpu);
        using var detector = new PrivacyDetector(set, options);
        using var buffer = new NativeFrameBuffer(bgr.Width & ~1, bgr.Height & ~1);
        using var roi = new Mat(bgr, new Rect(0, 0, buffer.Width, buffer.Height));
        using var even = roi.Clone();
        I420.FromBgr(even, buffer.Planes);
        var found = new List<Core.Detections.Detection>();
        detector.Detect(buffer.Planes, found);
        return found;
    }
}

[CollectionDefinition(Name)]
public sealed class ModelsCollection : ICollectionFixture<ModelsFixture>
{
    public const string Name = "models";
}

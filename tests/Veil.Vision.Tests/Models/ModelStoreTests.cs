using Veil.Vision.Models;

namespace Veil.Vision.Tests.Models;

public sealed class ModelStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("veil-store-").FullName;
    private readonly byte[] _model = FakeModels.Bytes(4096);

    public ModelStoreTests()
    {
        Directory.CreateDirectory(SourceDir);
        File.WriteAllBytes(Path.Combine(SourceDir, "fake_model.onnx"), _model);
    }

    private string Cache => Path.Combine(_root, "cache");

    private string SourceDir => Path.Combine(_root, "source");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Pulls_from_a_folder_then_says_already_present()
    {
        var spec = FakeModels.Spec(_model, FakeModels.Dir(SourceDir));
        var store = new ModelStore(Cache);

        var first = await store.PullAsync(spec);
        var second = await store.PullAsync(spec);

        Assert.False(first.AlreadyPresent);
        Assert.Equal(Path.Combine(Cache, "fake_model.onnx"), first.Path);
        Assert.Equal(_model, File.ReadAllBytes(first.Path));
        Assert.Equal($"fake: fake_model.onnx from {SourceDir} (verified sha256)", first.Describe());
        Assert.True(second.AlreadyPresent);
        Assert.Null(second.Source);
        Assert.Equal("fake: fake_model.onnx already present (verified sha256)", second.Describe());
        Assert.Equal(["fake_model.onnx"], Directory.GetFiles(Cache).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_relative_folder_is_looked_up_under_each_source_root()
    {
        var spec = FakeModels.Spec(_model, FakeModels.Dir("source"));
        var store = new ModelStore(Cache, new ModelStoreOptions { SourceRoots = [Path.Combine(_root, "elsewhere"), _root] });

        var result = await store.PullAsync(spec);

        Assert.Equal("source", result.Source!.Dir);
        Assert.Equal(_model, File.ReadAllBytes(result.Path));
    }

    [Fact]
    public async Task An_unreachable_url_is_skipped_with_its_reason_and_the_next_source_used()
    {
        var url = FakeModels.ClosedPortUrl();
        var spec = FakeModels.Spec(_model, url, FakeModels.Dir(SourceDir));
        var log = new StringWriter();

        var result = await new ModelStore(Cache).PullAsync(spec, log);

        Assert.Equal(SourceDir, result.Source!.Dir);
        Assert.Contains($"fake: {url.Url} skipped: ", log.ToString());
        Assert.Contains("refused", log.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Bytes_with_the_wrong_sha256_are_rejected_and_the_next_source_used()
    {
        var wrongDir = Path.Combine(_root, "wrong");
        Directory.CreateDirectory(wrongDir);
        var other = FakeModels.Bytes(4096, seed: 2);
        File.WriteAllBytes(Path.Combine(wrongDir, "fake_model.onnx"), other);
        var spec = FakeModels.Spec(_model, FakeModels.Dir(wrongDir), FakeModels.Dir(SourceDir));
        var log = new StringWriter();

        var result = await new ModelStore(Cache).PullAsync(spec, log);

        Assert.Equal(SourceDir, result.Source!.Dir);
        Assert.Equal(_model, File.ReadAllBytes(result.Path));
        Assert.Contains($"fake: {wrongDir} skipped: sha256 mismatch (expected {spec.Sha256}, got {FakeModels.Sha256(other)})", log.ToString());
    }

    [Fact]
    public async Task When_every_source_fails_the_error_names_the_model_each_reason_and_leaves_nothing_behind()
    {
        var spec = FakeModels.Spec(_model, FakeModels.ClosedPortUrl(), FakeModels.Dir(Path.Combine(_root, "nowhere")));

        var e = await Assert.ThrowsAsync<ModelException>(() => new ModelStore(Cache).PullAsync(spec));

        Assert.StartsWith("model \"fake\": no source gave fake_model.onnx", e.Message);
        Assert.Contains("127.0.0.1", e.Message);
        Assert.Contains(Path.Combine(_root, "nowhere", "fake_model.onnx"), e.Message);
        Assert.Empty(Directory.GetFiles(Cache));
    }

    [Fact]
    public async Task A_corrupt_cached_file_is_fetched_again_and_force_fetches_a_good_one_again()
    {
        var spec = FakeModels.Spec(_model, FakeModels.Dir(SourceDir));
        var store = new ModelStore(Cache);
        Directory.CreateDirectory(Cache);
        File.WriteAllBytes(store.PathOf(spec), FakeModels.Bytes(4096, seed: 3));
        var log = new StringWriter();

        var repaired = await store.PullAsync(spec, log);
        var forced = await store.PullAsync(spec, force: true);

        Assert.False(repaired.AlreadyPresent);
        Assert.Contains("sha256 mismatch", log.ToString());
        Assert.Equal(_model, File.ReadAllBytes(repaired.Path));
        Assert.False(forced.AlreadyPresent);
    }

    [Fact]
    public async Task Require_returns_the_verified_path()
    {
        var spec = FakeModels.Spec(_model, FakeModels.Dir(SourceDir));
        var store = new ModelStore(Cache);
        await store.PullAsync(spec);

        Assert.Equal(Path.Combine(Cache, "fake_model.onnx"), store.Require(spec));
        Assert.Equal(ModelFileStatus.Verified, store.Check(spec).Status);
    }

    [Fact]
    public void Require_names_a_missing_file_and_the_command_that_fetches_it()
    {
        var spec = FakeModels.Spec(_model, FakeModels.Dir(SourceDir));
        var store = new ModelStore(Cache);

        var e = Assert.Throws<ModelException>(() => store.Require(spec));

        Assert.Equal($"model \"fake\": {store.PathOf(spec)} is missing — run: veil models pull --cache {Cache}", e.Message);
        Assert.Equal("fake", e.ModelName);
        Assert.Equal(store.PathOf(spec), e.FilePath);
    }

    [Fact]
    public void Require_names_a_file_with_one_flipped_byte_and_its_sha256()
    {
        var spec = FakeModels.Spec(_model, FakeModels.Dir(SourceDir));
        var store = new ModelStore(Cache);
        var flipped = (byte[])_model.Clone();
        flipped[1234] ^= 0x01;
        Directory.CreateDirectory(Cache);
        File.WriteAllBytes(store.PathOf(spec), flipped);

        var e = Assert.Throws<ModelException>(() => store.Require(spec));

        Assert.StartsWith($"model \"fake\": {store.PathOf(spec)} sha256 mismatch (expected {spec.Sha256}, got {FakeModels.Sha256(flipped)})", e.Message);
        Assert.EndsWith("run: veil models pull --force --cache " + Cache, e.Message);
        Assert.Equal(ModelFileStatus.Corrupt, store.Check(spec).Status);
    }

    [Fact]
    public void Require_names_a_truncated_file_and_its_length()
    {
        var spec = FakeModels.Spec(_model, FakeModels.Dir(SourceDir));
        var store = new ModelStore(Cache);
        Directory.CreateDirectory(Cache);
        File.WriteAllBytes(store.PathOf(spec), _model[..1000]);

        var e = Assert.Throws<ModelException>(() => store.Require(spec));

        Assert.Contains($"{store.PathOf(spec)} is 1000 bytes, expected 4096", e.Message);
        Assert.Contains("veil models pull --force", e.Message);
    }

    [Fact]
    public async Task The_sha256_verdict_is_kept_per_file_version_not_recomputed_each_call()
    {
        var spec = FakeModels.Spec(_model, FakeModels.Dir(SourceDir));
        var store = new ModelStore(Cache);
        var path = (await store.PullAsync(spec)).Path;
        store.Require(spec);
        var modified = File.GetLastWriteTimeUtc(path);

        // Same length and time, other bytes: the kept verdict is used (nothing was read again).
        var flipped = (byte[])_model.Clone();
        flipped[0] ^= 0xFF;
        File.WriteAllBytes(path, flipped);
        File.SetLastWriteTimeUtc(path, modified);
        Assert.Equal(path, store.Require(spec));

        // A new modification time means a new version: hashed again, and caught.
        File.SetLastWriteTimeUtc(path, modified.AddSeconds(1));
        Assert.Contains("sha256 mismatch", Assert.Throws<ModelException>(() => store.Require(spec)).Message);
    }

    [Fact]
    public async Task A_cancelled_pull_throws_and_leaves_no_partial_file()
    {
        var spec = FakeModels.Spec(_model, FakeModels.Dir(SourceDir));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ModelStore(Cache).PullAsync(spec, cancellationToken: cancelled.Token));

        Assert.True(!Directory.Exists(Cache) || Directory.GetFiles(Cache).Length == 0);
    }

    [Fact]
    public void The_default_cache_is_VEIL_MODELS_else_the_user_cache_folder()
    {
        Assert.Equal("/data/models", ModelStore.DefaultCacheDirFrom("/data/models", "/xdg", "/home/u"));
        Assert.Equal("/xdg/veil/models", ModelStore.DefaultCacheDirFrom(null, "/xdg", "/home/u"));
        Assert.Equal("/home/u/.cache/veil/models", ModelStore.DefaultCacheDirFrom("", null, "/home/u"));
        Assert.Throws<ModelException>(() => ModelStore.DefaultCacheDirFrom(null, null, ""));
    }
}

using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Veil.TestSupport;
using Veil.Vision.Models;

namespace Veil.Server.Tests.Detection;

/// <summary>
/// A model that cannot be used stops `veil anonymize` at start, before any output is opened: one
/// line on stderr naming the file and what to do, a non-zero exit, no output file. Each test has a
/// model cache of its own ($VEIL_MODELS), filled by copying the shared models.
/// </summary>
public sealed class BadModelTests : IDisposable
{
    private static readonly string RepoManifest = Path.Combine(SharedData.RepoRoot, "models", "models.json");
    private readonly string _root = Directory.CreateTempSubdirectory("veil-bad-model-").FullName;

    public BadModelTests()
    {
        Directory.CreateDirectory(Cache);
        foreach (var (task, file) in new[] { ("face", FaceFile), ("person", PersonFile), ("text", "ch_PP-OCRv4_det_infer.onnx") })
            File.Copy(Path.Combine(SharedData.Models, task, file), Path.Combine(Cache, file));
    }

    private const string FaceFile = "yunet_n_dynamic.onnx";
    private const string PersonFile = "yolox_nano_416_coco.onnx";

    private string Cache => Path.Combine(_root, "cache");
    private string FacePath => Path.Combine(Cache, FaceFile);
    private string Output => Path.Combine(_root, "out.mp4");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<string> ExpectOneLineFailure(string? manifest = null, params string[] extra)
    {
        string clip = Path.Combine(_root, "in.mp4");
        await FfTools.GenerateClipAsync(clip, 320, 240, 25, 1, withAudio: false);
        var env = new Dictionary<string, string>
        {
            [ModelStore.CacheEnvironmentVariable] = Cache,
            [ModelManifest.EnvironmentVariable] = manifest ?? RepoManifest,
        };
        var run = await VeilProcess.RunAsync(env, TimeSpan.FromSeconds(90), ["anonymize", clip, "-o", Output, "--quiet", .. extra]);
        Assert.False(run.TimedOut, "veil hung");
        Assert.NotEqual(0, run.ExitCode);
        var lines = VeilProcess.ErrorLines(run);
        Assert.True(lines.Length == 1, "expected one line, got:\n" + run.StdErr);
        Assert.StartsWith("veil: error: ", lines[0]);
        Assert.False(File.Exists(Output), "a run that failed at start left an output file");
        Assert.Equal("", run.StdOut.Trim());
        return lines[0];
    }

    [Fact]
    public async Task A_missing_model_names_the_file_and_the_pull_command()
    {
        File.Delete(FacePath);

        var line = await ExpectOneLineFailure();

        // $VEIL_MODELS is the cache, so the plain command fixes it (no --cache needed).
        Assert.Equal($"veil: error: model \"face\": {FacePath} is missing — run: veil models pull", line);
    }

    [Fact]
    public async Task A_corrupt_model_is_a_sha256_mismatch_naming_the_file()
    {
        ModelFiles.FlipOneByte(FacePath, at: 100_000);

        var line = await ExpectOneLineFailure();

        Assert.StartsWith($"veil: error: model \"face\": {FacePath} sha256 mismatch (expected 104ee26c", line);
        Assert.EndsWith("the file is corrupt or another version: run: veil models pull --force", line);
    }

    [Fact]
    public async Task A_truncated_model_gives_its_size_and_the_expected_one()
    {
        var bytes = await File.ReadAllBytesAsync(FacePath);
        await File.WriteAllBytesAsync(FacePath, bytes[..(bytes.Length / 2)]);

        var line = await ExpectOneLineFailure();

        Assert.StartsWith($"veil: error: model \"face\": {FacePath} is {bytes.Length / 2} bytes, expected {bytes.Length} (truncated", line);
        Assert.Contains("veil models pull --force", line);
    }

    [Fact]
    public async Task A_valid_file_that_is_another_model_fails_on_its_inputs()
    {
        // The face entry points at a copy of the YOLOX person model with YOLOX's own sha256 and size: the file
        // passes the checksum but its graph takes "images" (1x3x416x416), not YuNet's dynamic "input". (Another
        // name than the person model's file: the manifest forbids two entries sharing a file.)
        string impostor = Path.Combine(Cache, "yolox-as-face.onnx");
        File.Copy(Path.Combine(Cache, PersonFile), impostor);
        var manifest = WriteManifest(model =>
        {
            if ((string?)model["name"] != "face") return;
            model["file"] = Path.GetFileName(impostor);
            model["sha256"] = ModelFiles.Sha256(impostor);
            model["size"] = new FileInfo(impostor).Length;
        });

        var line = await ExpectOneLineFailure(manifest);

        Assert.Equal(
            $"veil: error: model \"face\": {impostor}: has no input \"input\" (it has: images) — the file does not match models.json: run: veil models pull --force",
            line);
    }

    /// <summary>The repository manifest with each model edited, written as models/models.json under the test folder.</summary>
    private string WriteManifest(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(File.ReadAllText(RepoManifest))!.AsObject();
        foreach (var model in root["models"]!.AsArray()) edit(model!.AsObject());
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(_root, "repo", "models")).FullName, "models.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }
}

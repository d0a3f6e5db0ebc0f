using Veil.Vision.Masks;
using Veil.Vision.Redaction;

namespace Veil.Vision.Tests.Masks;

public sealed class CameraConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("veil-camera-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Loads_json_with_rectangles_polygons_and_relative_units()
    {
        var path = Write("gate.json", """
            {
              "name": "Gate 3",
              "address": "Main St 1",
              "location": { "lat": 52.1, "lon": 4.3 },
              "zones": [ { "name": "bike lane", "polygon": [[0, 0], [1, 0], [1, 1]] } ],
              "masks": [
                { "name": "door", "rect": [10, 20, 30, 40] },
                { "name": "window", "polygon": [[100, 100], [200, 100], [150, 180]], "style": "fill" },
                { "rect": [0.1, 0.1, 0.2, 0.2], "units": "relative" }
              ]
            }
            """);

        var config = CameraConfig.Load(path);

        Assert.Equal("Gate 3", config.Name);
        Assert.Equal(3, config.Masks.Count);
        Assert.Equal(new MaskRect(10, 20, 30, 40), config.Masks[0].Rect);
        Assert.Null(config.Masks[0].Style);
        Assert.Equal([new MaskPoint(100, 100), new MaskPoint(200, 100), new MaskPoint(150, 180)], config.Masks[1].Polygon!);
        Assert.Equal(RedactionStyle.Fill, config.Masks[1].Style);
        Assert.Equal("mask 3", config.Masks[2].Name);
        Assert.Equal(MaskUnits.Relative, config.Masks[2].Units);
    }

    [Theory]
    [InlineData("cam.yaml")]
    [InlineData("cam.yml")]
    public void Loads_the_same_from_yaml(string file)
    {
        var path = Write(file, """
            # Parking deck camera
            name: deck
            address: somewhere
            masks:
              - name: door
                rect: [10, 20, 30, 40]
              - name: window
                style: Pixelate
                polygon:
                  - [100, 100]
                  - [200, 100]
                  - [150, 180]
              - rect: [0.1, 0.1, 0.2, 0.2]
                units: relative
            """);

        var config = CameraConfig.Load(path);

        Assert.Equal("deck", config.Name);
        Assert.Equal(new MaskRect(10, 20, 30, 40), config.Masks[0].Rect);
        Assert.Equal(RedactionStyle.Pixelate, config.Masks[1].Style);
        Assert.Equal(3, config.Masks[1].Polygon!.Count);
        Assert.Equal(new MaskRect(0.1, 0.1, 0.2, 0.2), config.Masks[2].Rect);
    }

    [Fact]
    public void A_file_without_name_or_masks_is_named_after_the_file()
    {
        var config = CameraConfig.Load(Write("lobby.yaml", "address: x\n"));

        Assert.Equal("lobby", config.Name);
        Assert.Empty(config.Masks);
    }

    [Theory]
    [InlineData("""{"masks": [{"name": "door", "rect": [10, 20, 30]}]}""", "masks[0] (\"door\"): \"rect\" needs 4 numbers [x, y, w, h]")]
    [InlineData("""{"masks": [{"rect": [10, 20, "a", 5]}]}""", "masks[0] (\"mask 1\"): \"rect\" needs 4 numbers [x, y, w, h]; \"\"a\"\" is not a number")]
    [InlineData("""{"masks": [{"name": "a", "rect": [1, 2, 3, 4]}, {"name": "b"}]}""", "masks[1] (\"b\"): give either \"rect\"")]
    [InlineData("""{"masks": [{"name": "b", "rect": [1,2,3,4], "polygon": [[1,2],[3,4],[5,6]]}]}""", "masks[0] (\"b\"): give either")]
    [InlineData("""{"masks": [{"name": "w", "polygon": [[1, 2], [3, 4]]}]}""", "masks[0] (\"w\"): \"polygon\" needs at least 3 points")]
    [InlineData("""{"masks": [{"name": "w", "polygon": [[1, 2], [3, 4], [5]]}]}""", "masks[0] (\"w\"): \"polygon\" point 2 must be [x, y]")]
    [InlineData("""{"masks": [{"name": "d", "rect": [0.1, 0.1, 0.2, 0.2]}]}""", "masks[0] (\"d\"): pixel coordinates must be whole numbers (got 0.1); add \"units\": \"relative\"")]
    [InlineData("""{"masks": [{"name": "d", "rect": [1, 1, 0, 2]}]}""", "masks[0] (\"d\"): \"rect\" width and height must be positive")]
    [InlineData("""{"masks": [{"name": "d", "rect": [1, 1, 2, 2], "units": "inches"}]}""", "masks[0] (\"d\"): units \"inches\" must be \"pixels\" or \"relative\"")]
    [InlineData("""{"masks": [{"name": "d", "rect": [1, 1, 2, 2], "style": "swirl"}]}""", "masks[0] (\"d\"): style \"swirl\" must be one of mosaic, blur, pixelate, fill")]
    [InlineData("""{"masks": {"name": "d"}}""", "\"masks\" must be a list")]
    [InlineData("""[1, 2]""", "expected an object with \"name\" and \"masks\" at the top level")]
    [InlineData("""{"masks": [ """, "not valid JSON")]
    [InlineData("""{"name": "a", "name": "b"}""", "not valid JSON")]
    public void Json_errors_name_the_file_and_the_entry(string json, string expected)
    {
        var path = Write("bad.json", json);

        var e = Assert.Throws<CameraConfigException>(() => CameraConfig.Load(path));

        Assert.StartsWith($"camera config \"{path}\": ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Equal(path, e.FilePath);
    }

    [Theory]
    [InlineData("masks:\n  - name: door\n    rect: [1, 2, x, 4]\n", "masks[0] (\"door\"): \"rect\" needs 4 numbers")]
    [InlineData("masks:\n  - name: door\n    rect: ['1', 2, 3, 4]\n", "is not a number")]
    [InlineData("masks: [\n", "not valid YAML")]
    [InlineData("name: a\nname: b\n", "not valid YAML")]
    public void Yaml_errors_name_the_file_and_the_entry(string yaml, string expected)
    {
        var path = Write("bad.yaml", yaml);

        var e = Assert.Throws<CameraConfigException>(() => CameraConfig.Load(path));

        Assert.Contains($"camera config \"{path}\": ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Unknown_extensions_and_missing_files_are_reported()
    {
        Assert.Contains("use .json, .yaml or .yml", Assert.Throws<CameraConfigException>(() => CameraConfig.Load(Write("cam.toml", ""))).Message);
        var missing = Path.Combine(_dir, "none.json");
        Assert.Contains($"\"{missing}\": cannot be read", Assert.Throws<CameraConfigException>(() => CameraConfig.Load(missing)).Message);
    }

    /// <summary>Every corpus file either loads or fails with a CameraConfigException, never anything else.</summary>
    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Corpus_files_load_or_fail_cleanly(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", "CameraConfig", file);
        var bad = file.StartsWith("bad-", StringComparison.Ordinal);
        try
        {
            CameraConfig.Load(path);
            Assert.False(bad, $"{file} loaded but should not");
        }
        catch (CameraConfigException e)
        {
            Assert.True(bad, e.Message);
        }
    }

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus", "CameraConfig")).Order())
            data.Add(Path.GetFileName(f));
        return data;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}

using Veil.Vision.Masks;

namespace Veil.Vision.Tests.Masks;

/// <summary>The camera file's <c>keep</c> list: read like masks, in JSON and YAML, with errors that name the file and the zone.</summary>
public sealed class KeepZoneConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("veil-keep-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Yaml_keep_zones_are_read_as_rects_and_polygons_in_their_units()
    {
        var config = CameraConfig.Load(Write("gate.yaml", """
            name: gate
            masks:
              - name: door
                rect: [10, 20, 30, 40]
            keep:
              - name: timestamp
                rect: [0, 0, 0.35, 0.06]
                units: relative
              - name: caption
                polygon: [[0, 660], [480, 660], [480, 720], [0, 720]]
              - rect: [1000, 0, 280, 40]
            """));

        Assert.Single(config.Masks);
        Assert.Equal(3, config.Keep.Count);
        Assert.Equal("timestamp", config.Keep[0].Name);
        Assert.Equal(new MaskRect(0, 0, 0.35, 0.06), config.Keep[0].Shape.Rect);
        Assert.Equal(MaskUnits.Relative, config.Keep[0].Shape.Units);
        Assert.Equal("caption", config.Keep[1].Name);
        Assert.Equal(4, config.Keep[1].Shape.Polygon!.Count);
        Assert.Equal(MaskUnits.Pixels, config.Keep[1].Shape.Units);
        Assert.Equal("keep zone 3", config.Keep[2].Name);
        Assert.All(config.Keep, z => Assert.Null(z.Shape.Style));
    }

    [Fact]
    public void Json_keep_zones_read_the_same_and_take_the_files_default_units()
    {
        var config = CameraConfig.Load(Write("gate.json", """
            {
              "units": "relative",
              "Keep": [ { "name": "timestamp", "rect": [0, 0, 0.35, 0.06] }, { "name": "logo", "units": "pixels", "rect": [1200, 0, 80, 80] } ]
            }
            """));

        Assert.Equal(MaskUnits.Relative, config.Keep[0].Shape.Units);
        Assert.Equal(MaskUnits.Pixels, config.Keep[1].Shape.Units);
        Assert.Equal(new MaskRect(1200, 0, 80, 80), config.Keep[1].Shape.Rect);
    }

    [Fact]
    public void No_keep_zones_by_default()
    {
        Assert.Empty(CameraConfig.Load(Write("plain.yaml", "name: plain\nmasks: []\n")).Keep);
        Assert.Empty(CameraConfig.FromJson("""{ "keep": null }""").Keep);
    }

    [Theory]
    [InlineData("""{"keep": [{"name": "ts", "rect": [0, 0, 100]}]}""", "keep[0] (\"ts\"): \"rect\" needs 4 numbers [x, y, w, h]")]
    [InlineData("""{"keep": [{"name": "ts"}]}""", "keep[0] (\"ts\"): give either \"rect\"")]
    [InlineData("""{"keep": [{"rect": [0, 0, 10, 10]}, {"polygon": [[1, 2], [3, 4]]}]}""", "keep[1] (\"keep zone 2\"): \"polygon\" needs at least 3 points")]
    [InlineData("""{"keep": [{"name": "ts", "rect": [0, 0, 0.3, 0.1]}]}""", "keep[0] (\"ts\"): pixel coordinates must be whole numbers (got 0.3); add \"units\": \"relative\"")]
    [InlineData("""{"keep": [{"name": "ts", "rect": [0, 0, -5, 10]}]}""", "keep[0] (\"ts\"): \"rect\" width and height must be positive")]
    [InlineData("""{"keep": [{"name": "ts", "rect": [0, 0, 9, 9], "units": "cm"}]}""", "keep[0] (\"ts\"): units \"cm\" must be \"pixels\" or \"relative\"")]
    [InlineData("""{"keep": [{"name": "ts", "rect": [0, 0, 9, 9], "style": "fill"}]}""", "keep[0] (\"ts\"): a keep zone has no \"style\"")]
    [InlineData("""{"keep": [{"name": "all", "rect": [0, 0, 1, 1], "units": "relative"}]}""", "keep[0] (\"all\"): covers 100 % of the frame; a keep zone is for a burned-in overlay and may cover at most 25 % of it")]
    [InlineData("""{"keep": [{"name": "half", "polygon": [[0, 0], [1, 0], [0, 1]], "units": "relative"}]}""", "keep[0] (\"half\"): covers 50 % of the frame")]
    [InlineData("""{"keep": [{"name": "off", "rect": [1.5, 0, 0.2, 0.1], "units": "relative"}]}""", "keep[0] (\"off\"): lies outside the frame")]
    [InlineData("""{"keep": {"name": "ts"}}""", "\"keep\" must be a list")]
    [InlineData("""{"keep": [7]}""", "keep[0]: expected an object with \"rect\" or \"polygon\"")]
    public void Json_errors_name_the_file_and_the_zone(string json, string expected)
    {
        var path = Write("bad.json", json);

        var e = Assert.Throws<CameraConfigException>(() => CameraConfig.Load(path));

        Assert.StartsWith($"camera config \"{path}\": ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("keep:\n  - name: timestamp\n    rect: [0, 0, wide, 40]\n", "keep[0] (\"timestamp\"): \"rect\" needs 4 numbers")]
    [InlineData("keep:\n  - name: caption\n    polygon: [[0, 0], [10, 0], [5]]\n", "keep[0] (\"caption\"): \"polygon\" point 2 must be [x, y]")]
    [InlineData("keep:\n  - name: sky\n    units: relative\n    rect: [0, 0, 1, 0.5]\n", "keep[0] (\"sky\"): covers 50 % of the frame")]
    [InlineData("keep:\n  -\n", "keep[0]: expected an object")]
    public void Yaml_errors_name_the_file_and_the_zone(string yaml, string expected)
    {
        var path = Write("bad.yaml", yaml);

        var e = Assert.Throws<CameraConfigException>(() => CameraConfig.Load(path));

        Assert.StartsWith($"camera config \"{path}\": ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}

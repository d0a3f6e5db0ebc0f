namespace Veil.Vision.Masks;

/// <summary>
/// One camera's settings as its operator writes them, in JSON or YAML: its name, privacy masks
/// and keep zones here; the whole document stays readable (<see cref="Document"/>) for what other parts of Veil
/// keep in the same file (address, position, calibration and zones for the violation rules).
/// Unknown keys are ignored, so files written for later versions still load.
/// </summary>
public sealed record CameraConfig(string Name, IReadOnlyList<PrivacyMask> Masks)
{
    /// <summary>Where burned-in text (timestamp, caption) is not redacted; none by default.</summary>
    public IReadOnlyList<KeepZone> Keep { get; init; } = [];

    /// <summary>The file as a JSON tree (YAML converted), keys as written.</summary>
    public System.Text.Json.Nodes.JsonObject Document { get; init; } = new();

    /// <summary>Loads a <c>.json</c>, <c>.yaml</c> or <c>.yml</c> file.</summary>
    public static CameraConfig Load(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".json" or ".yaml" or ".yml"))
            throw new CameraConfigException(path, $"unknown file type \"{extension}\"; use .json, .yaml or .yml");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CameraConfigException(path, $"cannot be read: {e.Message}", e);
        }
        var defaultName = Path.GetFileNameWithoutExtension(path);
        return extension == ".json"
            ? CameraConfigReader.FromJson(text, path, defaultName)
            : CameraConfigReader.FromYaml(text, path, defaultName);
    }

    /// <param name="source">Names the text in error messages (a file path, "request body").</param>
    public static CameraConfig FromJson(string json, string source = "<json>") =>
        CameraConfigReader.FromJson(json, source, "camera");

    /// <param name="source">Names the text in error messages (a file path, "request body").</param>
    public static CameraConfig FromYaml(string yaml, string source = "<yaml>") =>
        CameraConfigReader.FromYaml(yaml, source, "camera");
}

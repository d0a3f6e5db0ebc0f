using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Veil.Vision.Models;

/// <summary>
/// Writes a model's int8 entry (file, sha256, size, calibration and its sha256) into models.json,
/// after `veil models calibrate --pin` made a new calibration: the rest of the file is kept as it is.
/// </summary>
public static class ModelManifestPins
{
    private static readonly JsonSerializerOptions s_write = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep "+", "<", quotes in copyright lines as written
    };

    public static void Write(string manifestPath, string modelName, ModelInt8Spec int8)
    {
        var root = JsonNode.Parse(File.ReadAllText(manifestPath), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        var model = root["models"]!.AsArray().FirstOrDefault(m => string.Equals((string?)m?["name"], modelName, StringComparison.OrdinalIgnoreCase))
            ?? throw new ModelException($"model \"{modelName}\" is not in models manifest \"{manifestPath}\"", modelName, manifestPath);
        var entry = new JsonObject
        {
            ["file"] = int8.File,
            ["sha256"] = int8.Sha256,
            ["size"] = int8.Size,
            ["calibration"] = int8.Calibration,
            ["calibration_sha256"] = int8.CalibrationSha256,
            ["default"] = int8.Default,
        };
        var obj = model.AsObject();
        if (obj.ContainsKey("int8")) obj["int8"] = entry;
        else obj.Insert(obj.IndexOf("sources") is >= 0 and var at ? at : obj.Count, "int8", entry);
        var temp = manifestPath + ".tmp";
        File.WriteAllText(temp, root.ToJsonString(s_write));
        File.Move(temp, manifestPath, overwrite: true);
    }
}

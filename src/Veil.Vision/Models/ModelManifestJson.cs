using System.Text.Json;
using System.Text.Json.Serialization;

namespace Veil.Vision.Models;

/// <summary>
/// Reads models.json. Strict on purpose: an unknown field is a typo (say "sha265") that would
/// otherwise leave a check silently off, so it is an error naming the field and line.
/// </summary>
internal static class ModelManifestJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    public static ModelManifestDocument Parse(string json, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelManifestDocument>(json, Options)
                ?? throw new ModelException($"models manifest \"{path}\": the file holds null, expected {{ \"models\": [...] }}", filePath: path);
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            string field = string.IsNullOrEmpty(e.Path) ? "" : $" ({e.Path})";
            string model = ModelNameAt(json, e.Path) is { } name ? $" model \"{name}\":" : "";
            throw new ModelException($"models manifest \"{path}\":{model} invalid{where}{field}: {Explain(e)}", filePath: path, inner: e);
        }
    }

    // "$.models[2].input.layout" → the "name" of models[2], when the JSON is well-formed enough to read it.
    private static string? ModelNameAt(string json, string? jsonPath)
    {
        const string prefix = "$.models[";
        if (jsonPath is null || !jsonPath.StartsWith(prefix, StringComparison.Ordinal)) return null;
        int end = jsonPath.IndexOf(']', prefix.Length);
        if (end < 0 || !int.TryParse(jsonPath.AsSpan(prefix.Length, end - prefix.Length), out int index)) return null;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var models = document.RootElement.GetProperty("models");
            return index < models.GetArrayLength() && models[index].TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                ? name.GetString()
                : null;
        }
        catch (Exception inner) when (inner is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    // System.Text.Json speaks of .NET types and repeats the path; say it in the manifest's terms.
    private static string Explain(JsonException e)
    {
        var message = e.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            return $"unknown field \"{e.Path?.Split('.')[^1]}\" (a typo?)";
        if (message.Contains(nameof(ModelTensorLayout), StringComparison.Ordinal)) return "expected \"NCHW\" or \"NHWC\"";
        if (message.Contains(nameof(ModelColourOrder), StringComparison.Ordinal)) return "expected \"BGR\" or \"RGB\"";
        if (message.Contains("could not be converted to", StringComparison.Ordinal))
            return "a value of the wrong type";
        int cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }
}

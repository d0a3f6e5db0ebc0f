using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Veil.Server.Serve;

/// <summary>
/// The body of POST /api/streams read into a <see cref="StreamSpec"/>, or a <see cref="ControlApiException"/>
/// saying what is wrong: the content type (415), the size (413, checked before reading and while
/// reading), JSON syntax with its line and position, and each field's type by its JSON pointer (400).
/// Field names match whatever their case, as the configuration file writes them ("Name"). Unknown
/// fields are refused: a misspelt "loop" would otherwise be dropped without a word.
/// </summary>
internal static class StreamSpecReader
{
    /// <summary>A stream is a few hundred bytes; this leaves room for many destinations.</summary>
    public const int MaxBytes = 64 * 1024;

    private const string Shape = "{\"name\", \"source\" or \"key\", \"destinations\": [...], \"loop\", \"camera\", \"redaction\": {...}}";

    public static async Task<StreamSpec> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0) throw Empty();
        if (!IsJson(request.ContentType))
            throw new ControlApiException(StatusCodes.Status415UnsupportedMediaType,
                $"the body is {(request.ContentType is { } type ? $"'{ControlApiText.Echo(type)}'" : "sent without a Content-Type")}: send the stream as application/json");
        if (request.ContentLength > MaxBytes) throw TooLarge();
        return Read(await ReadBodyAsync(request.Body, cancellationToken));
    }

    /// <summary>A body as read off the request: its JSON, then each field (what the fuzzer and the corpus replay take in).</summary>
    public static StreamSpec Read(byte[] body)
    {
        if (body.Length == 0) throw Empty();
        // JSON text is UTF-8 (RFC 8259 §8.1); the parser only finds out when a string is read, too late for a clear 400.
        if (!System.Text.Unicode.Utf8.IsValid(body))
            throw new ControlApiException(StatusCodes.Status400BadRequest, "the body is not UTF-8 text: send the stream as JSON in UTF-8");
        using var document = Parse(body);
        return ToSpec(document.RootElement);
    }

    internal static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        && (type.Charset.Length == 0 || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    internal static async Task<byte[]> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxBytes + 1];
        int length = 0, read;
        while ((read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
            if (length > MaxBytes) throw TooLarge(); // a chunked body announces no length
        }
        return buffer[..length];
    }

    internal static JsonDocument Parse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            // The reader counts from 0; people and editors count from 1.
            long line = (e.LineNumber ?? 0) + 1, position = (e.BytePositionInLine ?? 0) + 1;
            string reason = e.Message.Split(" LineNumber:", 2)[0].Trim();
            throw new ControlApiException(StatusCodes.Status400BadRequest, $"the body is not valid JSON at line {line}, position {position}: {reason}",
                new Dictionary<string, object?> { ["line"] = line, ["position"] = position });
        }
    }

    private static StreamSpec ToSpec(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new ControlApiException(StatusCodes.Status400BadRequest, $"the body is {Describe(root)}, not a stream: {Shape}");
        var errors = new List<(string Pointer, string Detail)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var spec = new StreamSpec();
        foreach (var field in root.EnumerateObject())
        {
            string pointer = "/" + field.Name.Replace("~", "~0").Replace("/", "~1"); // RFC 6901
            if (!seen.Add(field.Name))
            {
                errors.Add((pointer, $"field {pointer} is given twice"));
                continue;
            }
            var value = field.Value;
            switch (field.Name.ToLowerInvariant())
            {
                case "name": spec = spec with { Name = Text(value, pointer, errors, nullable: false) ?? "" }; break;
                case "source": spec = spec with { Source = Text(value, pointer, errors, nullable: true) ?? "" }; break;
                case "key": spec = spec with { Key = Text(value, pointer, errors, nullable: true) }; break;
                case "camera": spec = spec with { Camera = Text(value, pointer, errors, nullable: true) }; break;
                case "destinations": spec = spec with { Destinations = Texts(value, pointer, errors) }; break;
                case "redaction": spec = spec with { Redaction = Policy.PolicyReader.ToPolicy(value, pointer, errors) }; break;
                case "loop":
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) spec = spec with { Loop = value.GetBoolean() };
                    else errors.Add((pointer, $"field {pointer} must be true or false, not {Describe(value)}"));
                    break;
                default:
                    errors.Add((pointer, $"unknown field {pointer} (a stream has name, source, key, destinations, loop, camera and redaction)"));
                    break;
            }
        }
        if (errors.Count > 0)
            throw new ControlApiException(StatusCodes.Status400BadRequest, string.Join("; ", errors.Select(e => e.Detail)),
                new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { pointer = e.Pointer, detail = e.Detail }).ToList() });
        return spec;
    }

    internal static string? Text(JsonElement value, string pointer, List<(string, string)> errors, bool nullable)
    {
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        if (nullable && value.ValueKind == JsonValueKind.Null) return null;
        errors.Add((pointer, $"field {pointer} must be a string, not {Describe(value)}"));
        return null;
    }

    private static IReadOnlyList<string> Texts(JsonElement value, string pointer, List<(string, string)> errors)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add((pointer, $"field {pointer} must be an array of strings (rtmp:// URLs or files), not {Describe(value)}"));
            return [];
        }
        var texts = new List<string>();
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (Text(item, $"{pointer}/{index++}", errors, nullable: false) is { } text) texts.Add(text);
        }
        return texts;
    }

    /// <summary>A JSON value as an error names it: its kind, and short strings and numbers themselves.</summary>
    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{ControlApiText.Echo(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {ControlApiText.Echo(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static ControlApiException Empty() => new(StatusCodes.Status400BadRequest, $"the body is empty: send a stream as JSON, {Shape}");

    internal static ControlApiException TooLarge() => new(StatusCodes.Status413PayloadTooLarge, $"the body is larger than the {MaxBytes} bytes a stream may take",
        new Dictionary<string, object?> { ["limit_bytes"] = MaxBytes });
}

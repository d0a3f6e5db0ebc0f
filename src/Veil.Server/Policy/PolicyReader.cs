using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Veil.Server.Serve;

namespace Veil.Server.Policy;

/// <summary>
/// A policy as JSON (a PATCH body, or a stream's "redaction"): each field checked for its type by
/// its JSON pointer, unknown fields refused (a misspelt field would otherwise change nothing
/// without a word). Field names may be written snake_case or as the configuration writes them.
/// Values are checked afterwards, on the whole policy (<see cref="PolicyValues.Read"/>).
/// </summary>
internal static class PolicyReader
{
    private const string Fields = "classes, style, class_styles, cadence, look_ahead_ms, detector_timeout_ms, on_detector_failure";

    public static async Task<RedactionPolicy> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0) throw Invalid("the body is empty: send the fields to change as JSON, e.g. {\"classes\": [\"face\", \"plate\"]}");
        if (!StreamSpecReader.IsJson(request.ContentType))
            throw new ControlApiException(StatusCodes.Status415UnsupportedMediaType, "send the policy change as application/json (or application/merge-patch+json)");
        if (request.ContentLength > StreamSpecReader.MaxBytes) throw StreamSpecReader.TooLarge();
        var body = await StreamSpecReader.ReadBodyAsync(request.Body, cancellationToken);
        if (!System.Text.Unicode.Utf8.IsValid(body)) throw Invalid("the body is not UTF-8 text");
        using var document = StreamSpecReader.Parse(body);
        var errors = new List<(string Pointer, string Detail)>();
        var policy = ToPolicy(document.RootElement, "", errors);
        if (errors.Count > 0)
            throw new ControlApiException(StatusCodes.Status400BadRequest, string.Join("; ", errors.Select(e => e.Detail)),
                new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { pointer = e.Pointer, detail = e.Detail }).ToList() });
        return policy;
    }

    public static RedactionPolicy ToPolicy(JsonElement value, string pointer, List<(string, string)> errors)
    {
        var policy = new RedactionPolicy();
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add((pointer, $"{Where(pointer)} must be an object with some of {Fields}, not {StreamSpecReader.Describe(value)}"));
            return policy;
        }
        var seen = new HashSet<string>();
        foreach (var field in value.EnumerateObject())
        {
            string at = pointer + "/" + field.Name.Replace("~", "~0").Replace("/", "~1");
            string key = field.Name.Replace("_", "").ToLowerInvariant();
            if (!seen.Add(key))
            {
                errors.Add((at, $"field {at} is given twice"));
                continue;
            }
            var v = field.Value;
            switch (key)
            {
                case "classes": policy = policy with { Classes = Strings(v, at, errors) }; break;
                case "style": policy = policy with { Style = StreamSpecReader.Text(v, at, errors, nullable: false) }; break;
                case "classstyles": policy = policy with { ClassStyles = Styles(v, at, errors) }; break;
                case "cadence": policy = policy with { Cadence = StreamSpecReader.Text(v, at, errors, nullable: false) }; break;
                case "lookaheadms": policy = policy with { LookAheadMs = Whole(v, at, errors) }; break;
                case "detectortimeoutms": policy = policy with { DetectorTimeoutMs = Whole(v, at, errors) }; break;
                case "ondetectorfailure": policy = policy with { OnDetectorFailure = StreamSpecReader.Text(v, at, errors, nullable: false) }; break;
                default: errors.Add((at, $"unknown field {at} (a policy has {Fields})")); break;
            }
        }
        return policy;
    }

    private static string Where(string pointer) => pointer.Length == 0 ? "the body" : $"field {pointer}";

    private static List<string>? Strings(JsonElement v, string at, List<(string, string)> errors)
    {
        if (v.ValueKind != JsonValueKind.Array)
        {
            errors.Add((at, $"field {at} must be an array of class names (face, plate, person), not {StreamSpecReader.Describe(v)}"));
            return null;
        }
        var list = new List<string>();
        int i = 0;
        foreach (var item in v.EnumerateArray())
            if (StreamSpecReader.Text(item, $"{at}/{i++}", errors, nullable: false) is { } text) list.Add(text);
        return list;
    }

    private static Dictionary<string, string>? Styles(JsonElement v, string at, List<(string, string)> errors)
    {
        if (v.ValueKind != JsonValueKind.Object)
        {
            errors.Add((at, $"field {at} must be an object of class: style, e.g. {{\"plate\": \"fill\"}}, not {StreamSpecReader.Describe(v)}"));
            return null;
        }
        var styles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in v.EnumerateObject())
            if (StreamSpecReader.Text(entry.Value, $"{at}/{entry.Name}", errors, nullable: false) is { } style) styles[entry.Name] = style;
        return styles;
    }

    private static int? Whole(JsonElement v, string at, List<(string, string)> errors)
    {
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n)) return n;
        errors.Add((at, $"field {at} must be a whole number of milliseconds, not {StreamSpecReader.Describe(v)}"));
        return null;
    }

    private static ControlApiException Invalid(string message) => new(StatusCodes.Status400BadRequest, message);
}

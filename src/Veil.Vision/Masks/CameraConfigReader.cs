using System.Text.Json;
using System.Text.Json.Nodes;
using Veil.Vision.Redaction;
using YamlDotNet.Core;

namespace Veil.Vision.Masks;

/// <summary>
/// Reads a camera config tree. Keys are matched without regard to case and unknown keys are
/// skipped; every error names the source and the entry (a mask, a keep zone), since operators
/// edit these by hand.
/// </summary>
internal static class CameraConfigReader
{
    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A repeated key would otherwise surface later as an ArgumentException with no file name.
        AllowDuplicateProperties = false,
    };

    public static CameraConfig FromJson(string json, string source, string defaultName)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: JsonOptions);
        }
        catch (JsonException e)
        {
            throw new CameraConfigException(source, $"not valid JSON: {e.Message}", e);
        }
        return Read(root, source, defaultName);
    }

    public static CameraConfig FromYaml(string yaml, string source, string defaultName)
    {
        JsonNode? root;
        try
        {
            root = YamlToJson.Convert(yaml);
        }
        catch (Exception e) when (e is YamlException or FormatException)
        {
            throw new CameraConfigException(source, $"not valid YAML: {e.Message}", e);
        }
        return Read(root, source, defaultName);
    }

    private static CameraConfig Read(JsonNode? root, string source, string defaultName)
    {
        if (root is not JsonObject obj)
            throw new CameraConfigException(source, "expected an object with \"name\" and \"masks\" at the top level");
        var name = Get(obj, "name") is { } n ? AsString(n, source, "name") : defaultName;
        var defaultUnits = Get(obj, "units") is { } u ? ParseUnits(AsString(u, source, "units"), source, "units") : MaskUnits.Pixels;
        var masks = ReadList(obj, "masks", source, (node, i) => ReadShape(node, "masks", i, "mask", defaultUnits, source));
        var keep = ReadList(obj, "keep", source, (node, i) => ReadKeepZone(node, i, defaultUnits, source));
        return new CameraConfig(name, masks) { Keep = keep, Document = obj };
    }

    private static List<T> ReadList<T>(JsonObject obj, string key, string source, Func<JsonNode?, int, T> read)
    {
        var items = new List<T>();
        switch (Get(obj, key))
        {
            case null:
                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++) items.Add(read(array[i], i));
                break;
            default:
                throw new CameraConfigException(source, $"\"{key}\" must be a list");
        }
        return items;
    }

    private static KeepZone ReadKeepZone(JsonNode? node, int index, MaskUnits defaultUnits, string source)
    {
        var shape = ReadShape(node, "keep", index, "keep zone", defaultUnits, source);
        // A zone in pixels is measured against the stream's frame at start; one in fractions can be here.
        if (shape.Units != MaskUnits.Relative) return new KeepZone(shape);
        var where = $"keep[{index}] (\"{shape.Name}\")";
        double share;
        try { share = KeepZones.FrameShare(shape, 10_000, 10_000); }
        catch (ArgumentException) { throw new CameraConfigException(source, $"{where}: lies outside the frame (relative units run from 0 to 1)"); }
        if (share > KeepZone.MaxFrameShare) throw new CameraConfigException(source, $"{where}: {KeepZones.TooLarge(share, "the frame")}");
        return new KeepZone(shape);
    }

    /// <summary>A mask or a keep zone: both are a named rect or polygon; only a mask has a style.</summary>
    private static PrivacyMask ReadShape(JsonNode? node, string section, int index, string kind, MaskUnits defaultUnits, string source)
    {
        var where = $"{section}[{index}]";
        if (node is not JsonObject entry) throw new CameraConfigException(source, $"{where}: expected an object with \"rect\" or \"polygon\"");
        var name = Get(entry, "name") is { } n ? AsString(n, source, where + ".name") : $"{kind} {index + 1}";
        where = $"{where} (\"{name}\")";

        var units = Get(entry, "units") is { } u ? ParseUnits(AsString(u, source, where), source, where) : defaultUnits;
        RedactionStyle? style = null;
        if (Get(entry, "style") is { } s)
        {
            // A keep zone redacts nothing, so a style there is a mask put under the wrong key.
            if (kind != "mask") throw new CameraConfigException(source, $"{where}: a keep zone has no \"style\" (text in it is left as it is); put areas to hide under \"masks\"");
            style = ParseStyle(AsString(s, source, where), source, where);
        }
        var rect = Get(entry, "rect");
        var polygon = Get(entry, "polygon");
        if ((rect is null) == (polygon is null))
            throw new CameraConfigException(source, $"{where}: give either \"rect\" [x, y, w, h] or \"polygon\" [[x, y], ...]");

        try
        {
            if (rect is not null)
            {
                var v = Numbers(rect, 4, units, source, where, "\"rect\" needs 4 numbers [x, y, w, h]");
                if (v[2] <= 0 || v[3] <= 0) throw new CameraConfigException(source, $"{where}: \"rect\" width and height must be positive");
                return new PrivacyMask(name, new MaskRect(v[0], v[1], v[2], v[3]), units, style);
            }
            if (polygon is not JsonArray corners || corners.Count < 3)
                throw new CameraConfigException(source, $"{where}: \"polygon\" needs at least 3 points [[x, y], ...]");
            var points = new MaskPoint[corners.Count];
            for (int i = 0; i < points.Length; i++)
            {
                var p = Numbers(corners[i], 2, units, source, where, $"\"polygon\" point {i} must be [x, y]");
                points[i] = new MaskPoint(p[0], p[1]);
            }
            return new PrivacyMask(name, points, units, style);
        }
        catch (ArgumentException e)
        {
            throw new CameraConfigException(source, $"{where}: {e.Message}", e);
        }
    }

    private static double[] Numbers(JsonNode? node, int count, MaskUnits units, string source, string where, string expected)
    {
        if (node is not JsonArray array || array.Count != count) throw new CameraConfigException(source, $"{where}: {expected}");
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            if (array[i] is not JsonValue value || !value.TryGetValue(out values[i]) || !double.IsFinite(values[i]))
                throw new CameraConfigException(source, $"{where}: {expected}; \"{array[i]?.ToJsonString()}\" is not a number");
            if (units == MaskUnits.Pixels && values[i] != Math.Floor(values[i]))
                throw new CameraConfigException(source,
                    $"{where}: pixel coordinates must be whole numbers (got {values[i]}); add \"units\": \"relative\" for fractions of the frame");
        }
        return values;
    }

    private static MaskUnits ParseUnits(string text, string source, string where) => text.ToLowerInvariant() switch
    {
        "pixels" or "px" or "pixel" => MaskUnits.Pixels,
        "relative" or "fraction" => MaskUnits.Relative,
        _ => throw new CameraConfigException(source, $"{where}: units \"{text}\" must be \"pixels\" or \"relative\""),
    };

    private static RedactionStyle ParseStyle(string text, string source, string where) =>
        Enum.TryParse<RedactionStyle>(text, ignoreCase: true, out var style) && Enum.IsDefined(style) && !char.IsDigit(text.TrimStart()[0])
            ? style
            : throw new CameraConfigException(source, $"{where}: style \"{text}\" must be one of {string.Join(", ", Enum.GetNames<RedactionStyle>()).ToLowerInvariant()}");

    /// <summary>A string, or a number written where a name was meant (YAML reads <c>name: 12</c> as one).</summary>
    private static string AsString(JsonNode node, string source, string where)
    {
        if (node is JsonValue v)
        {
            if (v.TryGetValue(out string? s) && s.Trim().Length > 0) return s.Trim();
            if (v.TryGetValue(out double d)) return d.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        throw new CameraConfigException(source, $"{where}: expected a non-empty string, got {node.ToJsonString()}");
    }

    /// <summary>Case-insensitive lookup: YAML writers and JSON writers disagree on capitals.</summary>
    private static JsonNode? Get(JsonObject obj, string key)
    {
        foreach (var (k, v) in obj)
            if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) return v;
        return null;
    }
}

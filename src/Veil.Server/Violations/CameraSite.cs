using System.Drawing;
using System.Globalization;
using System.Text.Json.Nodes;
using Veil.Violations.Calibration;
using Veil.Violations.Zones;
using Veil.Vision.Masks;

namespace Veil.Server.Violations;

/// <summary>
/// The violation side of a camera config file: where the camera is, the ground control points
/// (pixel to latitude/longitude) its homography is fitted from, and the zones drawn on its picture.
/// <code>
/// address: Main St car park      position: [47.61, -122.20]
/// calibration: [{ pixel: [100, 400], geo: [47.6101, -122.2012] }, ...]   # four or more
/// zones:
///   - { name: footpath, kind: forbidden, polygon: [[300, 0], [768, 0], [768, 110]] }
///   - { name: lane, kind: directional, heading: 90, tolerance: 45, polygon: [...] }
/// </code>
/// Every error names the file and the entry.
/// </summary>
internal static class CameraSite
{
    public static CameraCalibration Read(CameraConfig config, string source)
    {
        var doc = config.Document;
        string Text(string key) => doc[key]?.GetValue<string>() ?? "";
        var position = doc["position"] is JsonArray p ? Geo(p, source, "position") : default;
        var points = new List<ControlPoint>();
        if (doc["calibration"] is JsonArray calibration)
            for (int i = 0; i < calibration.Count; i++)
            {
                var entry = calibration[i] as JsonObject ?? throw Fail(source, $"calibration[{i}] must be {{ pixel: [x, y], geo: [lat, lon] }}");
                points.Add(new ControlPoint(Pixel(entry["pixel"], source, $"calibration[{i}].pixel"), Geo(entry["geo"] as JsonArray, source, $"calibration[{i}].geo")));
            }
        var zones = new List<Zone>();
        if (doc["zones"] is JsonArray list)
            for (int i = 0; i < list.Count; i++) zones.Add(ReadZone(list[i] as JsonObject ?? throw Fail(source, $"zones[{i}] must be an object"), source, i));
        return new CameraCalibration(config.Name, Text("address"), Text("model"), position, points, zones);
    }

    private static Zone ReadZone(JsonObject zone, string source, int index)
    {
        string where = $"zones[{index}]";
        string name = zone["name"]?.GetValue<string>() ?? throw Fail(source, $"{where} has no name");
        var polygon = zone["polygon"] as JsonArray ?? throw Fail(source, $"{where} ({name}) has no polygon");
        if (polygon.Count < 3) throw Fail(source, $"{where} ({name}): a polygon needs three or more points, not {polygon.Count}");
        var points = polygon.Select((point, i) => Pixel(point, source, $"{where}.polygon[{i}]")).ToList();
        return (zone["kind"]?.GetValue<string>() ?? "forbidden").ToLowerInvariant() switch
        {
            "forbidden" => Zone.Forbidden(name, points),
            "directional" => Zone.Directional(name, points, Number(zone["heading"], source, $"{where}.heading"), zone["tolerance"] is { } t ? Number(t, source, $"{where}.tolerance") : 45),
            var other => throw Fail(source, $"{where} ({name}): kind '{other}' is neither forbidden nor directional"),
        };
    }

    private static PointF Pixel(JsonNode? node, string source, string where) =>
        node is JsonArray { Count: 2 } xy ? new PointF((float)Number(xy[0], source, where), (float)Number(xy[1], source, where)) : throw Fail(source, $"{where} must be [x, y] in pixels");

    private static GeoPoint Geo(JsonArray? node, string source, string where) =>
        node is { Count: 2 } ? new GeoPoint(Number(node[0], source, where), Number(node[1], source, where)) : throw Fail(source, $"{where} must be [latitude, longitude]");

    private static double Number(JsonNode? node, string source, string where)
    {
        // YAML scalars arrive as strings, JSON numbers as numbers.
        if (node is JsonValue value && (value.TryGetValue(out double d) || value.TryGetValue(out string? s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d)))
            return d;
        throw Fail(source, $"{where}: '{node}' is not a number");
    }

    private static CameraConfigException Fail(string source, string message) => new(source, message);
}

using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Veil.Sidecar.Tests.Fixtures;

/// <summary>Events and media bytes for tests: media start with their format's signature, the rest is random.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Monday = new(2025, 6, 2, 0, 0, 0, TimeSpan.Zero);

    public static JsonObject Event(string id, string camera = "cam-1", string kind = "tandem_riding", DateTimeOffset? time = null,
        double? lat = null, double? lon = null, double confidence = 0.9)
    {
        var json = new JsonObject
        {
            ["id"] = id,
            ["camera"] = camera,
            ["kind"] = kind,
            ["time"] = (time ?? Monday.AddHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz"),
            ["duration_ms"] = 1500,
            ["track_ids"] = new JsonArray(3, 7),
            ["pixel"] = new JsonObject { ["x"] = 640.5, ["y"] = 360.25 },
            ["confidence"] = confidence,
            ["details"] = new JsonObject { ["speed_kmh"] = 23.5, ["zone"] = "sidewalk" },
        };
        if (lat is not null) json["geo"] = new JsonObject { ["lat"] = lat, ["lon"] = lon };
        return json;
    }

    /// <summary>A line of an import: the event and its review state.</summary>
    public static JsonObject ArchiveLine(JsonObject ev, string status, string? note = null) => new()
    {
        ["event"] = ev,
        ["status"] = status,
        ["note"] = note,
        ["created_at"] = "2025-06-10T00:00:00Z",
        ["updated_at"] = "2025-06-10T00:00:00Z",
    };

    public static byte[] Jpeg(int size = 2048) => WithSignature([0xFF, 0xD8, 0xFF, 0xE0], size);

    public static byte[] Gif(int size = 2048) => WithSignature("GIF89a"u8.ToArray(), size);

    public static byte[] Mp4(int size = 4096) => WithSignature([0, 0, 0, 0x18, .. "ftypisom"u8.ToArray()], size);

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] WithSignature(byte[] signature, int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        signature.CopyTo(bytes, 0);
        return bytes;
    }
}

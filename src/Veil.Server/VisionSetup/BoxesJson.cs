using System.Text.Json;
using Veil.Vision.Eval;

namespace Veil.Server.VisionSetup;

/// <summary>score.py's DETECTIONS.jsonl: one {"image","width","height","boxes":[{"x","y","w","h","class","score"}]} per line.</summary>
internal static class BoxesJson
{
    public static string Line(RedactedImage image) => JsonSerializer.Serialize(new
    {
        image = image.Image,
        width = image.Width,
        height = image.Height,
        boxes = image.Boxes.Select(b => new { x = b.X, y = b.Y, w = b.W, h = b.H, @class = b.Class, score = b.Score }),
    });

    public static async Task WriteAsync(string path, IEnumerable<RedactedImage> images, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var writer = new StreamWriter(path);
        foreach (var image in images) await writer.WriteLineAsync(Line(image).AsMemory(), ct);
    }
}

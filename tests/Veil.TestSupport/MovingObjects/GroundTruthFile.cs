using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Veil.TestSupport.MovingObjects;

/// <summary>
/// Ground truth as JSON lines, one object-frame a line, in frame order:
/// <c>{"frame":12,"id":3,"kind":"plate","x":640,"y":400,"w":96,"h":30}</c>.
/// </summary>
public static class GroundTruthFile
{
    public static void Write(string path, IEnumerable<TruthBox> boxes)
    {
        var text = new StringBuilder();
        foreach (var b in boxes)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{{\"frame\":{b.Frame},\"id\":{b.Id},\"kind\":\"{b.Kind.Name()}\",\"x\":{b.X},\"y\":{b.Y},\"w\":{b.W},\"h\":{b.H}}}\n");
        }
        File.WriteAllText(path, text.ToString());
    }

    public static List<TruthBox> Read(string path)
    {
        var boxes = new List<TruthBox>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            boxes.Add(new TruthBox(
                e.GetProperty("frame").GetInt32(), e.GetProperty("id").GetInt32(), ObjectKindNames.Parse(e.GetProperty("kind").GetString()!),
                e.GetProperty("x").GetInt32(), e.GetProperty("y").GetInt32(), e.GetProperty("w").GetInt32(), e.GetProperty("h").GetInt32()));
        }
        return boxes;
    }
}

using System.Globalization;
using System.Text;

namespace Veil.TestSupport.MovingObjects;

/// <summary>What the pixel leak meter found over a whole clip: every object-frame's verdict and the figures per kind.</summary>
public sealed class LeakReport(IReadOnlyList<ObjectFrameVerdict> verdicts)
{
    public IReadOnlyList<ObjectFrameVerdict> Verdicts { get; } = verdicts;

    public KindLeakFigures Plates { get; } = KindLeakFigures.From(ObjectKind.Plate, verdicts);

    public KindLeakFigures Faces { get; } = KindLeakFigures.From(ObjectKind.Face, verdicts);

    public KindLeakFigures For(ObjectKind kind) => kind == ObjectKind.Plate ? Plates : Faces;

    /// <summary>A Markdown table, a row per kind.</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        text.AppendLine("| kind | object-frames | not measurable | leaked | % leaked | longest leaked run (object, from frame) |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var k in new[] { Plates, Faces })
        {
            string run = k.LongestRun == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"{k.LongestRun} (#{k.LongestRunObject}, {k.LongestRunFirstFrame})");
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {k.Kind.Name()} | {k.ObjectFrames} | {k.Unmeasurable} | {k.Leaked} | {k.LeakedPercent:0.00} % | {run} |"));
        }
        return text.ToString();
    }

    /// <summary>Per object: frames measured, frames leaked, and the frames leaked as ranges (for finding them in the clip).</summary>
    public string PerObject()
    {
        var text = new StringBuilder();
        foreach (var g in Verdicts.GroupBy(v => v.Box.Id).OrderBy(g => g.Key))
        {
            var leaked = g.Where(v => v.Leaked).Select(v => v.Box.Frame).Order().ToList();
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"#{g.Key} {g.First().Box.Kind.Name()}: {g.Count(v => v.Measurable)} measured, {leaked.Count} leaked {Ranges(leaked)}"));
        }
        return text.ToString();
    }

    private static string Ranges(List<int> frames)
    {
        var parts = new List<string>();
        for (int i = 0; i < frames.Count;)
        {
            int j = i;
            while (j + 1 < frames.Count && frames[j + 1] == frames[j] + 1) j++;
            parts.Add(i == j ? $"{frames[i]}" : $"{frames[i]}-{frames[j]}");
            i = j + 1;
        }
        return parts.Count == 0 ? "" : "[" + string.Join(",", parts) + "]";
    }
}

using Veil.Core.Detections;
using Veil.Vision.Detectors;
using Veil.Vision.Redaction;

namespace Veil.Server.Policy;

/// <summary>
/// Whether a policy change hides less than before: a class no longer redacted, a weaker style, a
/// slower cadence, a shorter look-ahead. A server may refuse those (Veil:PolicyChanges tighten-only)
/// while it takes every tightening at once.
/// </summary>
internal static class PolicyLoosening
{
    /// <summary>Each way <paramref name="next"/> hides less than <paramref name="now"/>; empty when it hides as much or more.</summary>
    public static List<string> Between(PolicyValues now, PolicyValues next)
    {
        var looser = new List<string>();
        foreach (var c in now.Classes.Where(c => !next.Classes.Contains(c)))
            looser.Add($"{c.Name()} would no longer be redacted");
        foreach (var c in next.Classes.Where(now.Classes.Contains))
        {
            RedactionStyle before = StyleOf(now, c), after = StyleOf(next, c);
            if (Strength(after) < Strength(before)) looser.Add($"{c.Name()} would be redacted with {Name(after)} instead of {Name(before)}");
        }
        if (Slower(now.Cadence, next.Cadence)) looser.Add("the cadence would look less often");
        if (next.LookAhead < now.LookAhead) looser.Add($"the look-ahead would shrink from {now.LookAhead.TotalMilliseconds:0} to {next.LookAhead.TotalMilliseconds:0} ms");
        return looser;
    }

    private static RedactionStyle StyleOf(PolicyValues p, ObjectClass c) => p.ClassStyles.TryGetValue(c, out var s) ? s : p.Style;

    // Fill leaves nothing; mosaic is a strong blur and then coarse blocks; blur and pixelation alone leave the most.
    private static int Strength(RedactionStyle style) => style switch
    {
        RedactionStyle.Fill => 3,
        RedactionStyle.Mosaic => 2,
        _ => 1,
    };

    private static string Name(RedactionStyle style) => style.ToString().ToLowerInvariant();

    private static bool Slower(DetectionCadence now, DetectionCadence next) =>
        next.Faces > now.Faces || next.LargeFaceScale > now.LargeFaceScale || next.Objects > now.Objects
        || next.PlateCrops > now.PlateCrops || next.PlateFrame > now.PlateFrame || next.TextRegions > now.TextRegions
        || (now.LooksAtChanges && (!next.LooksAtChanges ? next.PlateFrame > 1 : next.SafetyNet > now.SafetyNet));
}

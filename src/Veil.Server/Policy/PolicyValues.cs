using Veil.Core.Detections;
using Veil.Vision.Detectors;
using Veil.Vision.Redaction;

namespace Veil.Server.Policy;

/// <summary>A whole <see cref="RedactionPolicy"/> (every field set) read into the values a run takes.</summary>
internal sealed record PolicyValues(
    IReadOnlySet<ObjectClass> Classes,
    RedactionStyle Style,
    IReadOnlyDictionary<ObjectClass, RedactionStyle> ClassStyles,
    DetectionCadence Cadence,
    TimeSpan LookAhead,
    TimeSpan DetectorTimeout,
    bool DropFailedFrames)
{
    public const int MaxLookAheadMs = Cli.DetectionOptionsCli.MaxLookAheadMs;

    /// <summary>
    /// Reads <paramref name="policy"/> (unset fields from the defaults); every problem is named, each
    /// after <paramref name="where"/> and the field ("Veil:Redaction:Classes: 'dog' is not ..."), and
    /// the values are null when there is one.
    /// </summary>
    public static PolicyValues? Read(RedactionPolicy policy, string where, List<string> problems)
    {
        var p = policy.Over(RedactionPolicy.Defaults);
        int before = problems.Count;
        var classes = new HashSet<ObjectClass>();
        // ["none"] as the command line writes it: an empty list in a configuration file reads as no setting at all.
        foreach (var name in p.Classes is ["none"] ? [] : p.Classes!)
            if (ParseClass(name) is { } c) classes.Add(c);
            else problems.Add($"{where}:Classes: '{name}' is not a class (face, plate, person)");
        var style = ParseStyle(p.Style!, $"{where}:Style", problems);
        var styles = new Dictionary<ObjectClass, RedactionStyle>();
        foreach (var (name, text) in p.ClassStyles!)
        {
            var s = ParseStyle(text, $"{where}:ClassStyles:{name}", problems);
            if (ParseClass(name) is { } c) styles[c] = s;
            else problems.Add($"{where}:ClassStyles: '{name}' is not a class (face, plate, person)");
        }
        DetectionCadence cadence = DetectionCadence.Live;
        try { cadence = Cli.DetectionOptionsCli.ParseCadence(p.Cadence!); }
        catch (FormatException e) { problems.Add($"{where}:Cadence: {e.Message.Replace("--cadence", "", StringComparison.Ordinal).TrimStart(':', ' ')}"); }
        if (p.LookAheadMs is < 0 or > MaxLookAheadMs) problems.Add($"{where}:LookAheadMs {p.LookAheadMs} must be between 0 and {MaxLookAheadMs}");
        if (p.DetectorTimeoutMs is < 1 or > 600_000) problems.Add($"{where}:DetectorTimeoutMs {p.DetectorTimeoutMs} must be between 1 and 600000");
        bool drop = p.OnDetectorFailure!.Trim().ToLowerInvariant() switch
        {
            "fill" => false,
            "drop" => true,
            var other => Problem(problems, $"{where}:OnDetectorFailure '{other}' must be fill or drop"),
        };
        if (problems.Count > before) return null;
        return new PolicyValues(classes, style, styles, cadence, TimeSpan.FromMilliseconds(p.LookAheadMs!.Value),
            TimeSpan.FromMilliseconds(p.DetectorTimeoutMs!.Value), drop);
    }

    private static bool Problem(List<string> problems, string problem)
    {
        problems.Add(problem);
        return false;
    }

    private static ObjectClass? ParseClass(string name) =>
        ObjectClassNames.TryParse(name, out var c) && c is ObjectClass.Face or ObjectClass.Plate or ObjectClass.Person ? c : null;

    private static RedactionStyle ParseStyle(string text, string where, List<string> problems)
    {
        if (!int.TryParse(text, out _) && Enum.TryParse<RedactionStyle>(text.Trim(), ignoreCase: true, out var style)) return style;
        problems.Add($"{where} '{text}' is not a style (mosaic, blur, pixelate, fill)");
        return default;
    }
}

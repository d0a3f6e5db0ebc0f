using System.Text.Json.Nodes;

namespace Veil.TestSupport;

/// <summary>
/// Runs ../shared/eval/score.py (the privacy metric the project is judged by) with Debian's python3,
/// which has numpy and cv2 (a pyenv python3 earlier on PATH may have neither).
/// </summary>
public static class ScorePy
{
    public const string Python = "/usr/bin/python3";

    /// <summary>The summary fields score.py prints, in its order.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["objects", "covered", "leak_rate", "over_redaction_mean", "images", "images_without_output", "size_mismatch"];

    /// <summary>
    /// score.py's last stdout line as JSON. Exit 2 (no counted object, or a size mismatch) is a verdict,
    /// not a failure; any other non-zero exit throws with its stderr.
    /// </summary>
    public static async Task<JsonObject> RunAsync(string labelsCsv, string boxesJsonl, TimeSpan? timeout = null, params string[] extra)
    {
        if (!File.Exists(SharedData.ScoreScript)) throw new FileNotFoundException($"{SharedData.ScoreScript} is missing");
        var run = await ChildProcess.RunAsync(Python, [SharedData.ScoreScript, labelsCsv, boxesJsonl, .. extra], timeout ?? TimeSpan.FromMinutes(5))
            .ConfigureAwait(false);
        if (run.TimedOut || run.ExitCode is not (0 or 2))
            throw new InvalidOperationException($"score.py {(run.TimedOut ? "timed out" : $"exited {run.ExitCode}")}: {run.StdErr}");
        return LastJsonLine(run.StdOut);
    }

    /// <summary>The last line of <paramref name="stdout"/> that is a JSON object.</summary>
    public static JsonObject LastJsonLine(string stdout)
    {
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(l => l.StartsWith('{')) ?? throw new FormatException($"no JSON line in:\n{stdout}");
        return JsonNode.Parse(line)!.AsObject();
    }

    /// <summary>
    /// Every summary field whose value differs between two summaries (numbers compared as doubles, so
    /// Python's <c>0.0</c> equals .NET's <c>0</c>; null only equals null), as "field: a vs b" lines.
    /// </summary>
    public static IReadOnlyList<string> Differences(JsonObject expected, JsonObject actual)
    {
        var problems = new List<string>();
        foreach (var name in Fields.Union(expected.Select(p => p.Key)).Union(actual.Select(p => p.Key)))
        {
            bool inA = expected.ContainsKey(name), inB = actual.ContainsKey(name);
            double? a = Number(expected, name), b = Number(actual, name);
            if (inA != inB || a != b) problems.Add($"{name}: {Show(expected, name)} vs {Show(actual, name)}");
        }
        return problems;
    }

    private static double? Number(JsonObject o, string name)
        => o.TryGetPropertyValue(name, out var v) && v is not null ? v.GetValue<double>() : null;

    private static string Show(JsonObject o, string name)
        => !o.TryGetPropertyValue(name, out var v) ? "(absent)" : v is null ? "null" : v.ToJsonString();
}

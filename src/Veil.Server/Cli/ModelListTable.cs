using Veil.Vision.Models;

namespace Veil.Server.Cli;

/// <summary>The table `veil models list` prints: plain aligned columns, readable in logs and by scripts.</summary>
internal static class ModelListTable
{
    public static void Write(TextWriter output, IReadOnlyList<ModelFileCheck> checks)
    {
        string[] header = ["name", "task", "file", "size", "licence", "status"];
        var rows = checks.Select(c => new[]
        {
            c.Spec.Name, c.Spec.Task, c.Spec.File, Size(c.Length ?? c.Spec.Size), c.Spec.License, Status(c),
        }).ToList();
        var widths = Enumerable.Range(0, header.Length - 1)
            .Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max())
            .ToArray();
        foreach (var row in rows.Prepend(header))
        {
            var cells = row.Take(widths.Length).Select((cell, i) => cell.PadRight(widths[i])).Append(row[^1]);
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }

    private static string Status(ModelFileCheck check) => check.Status switch
    {
        ModelFileStatus.Verified => "verified",
        ModelFileStatus.Present => "present (not verified)",
        ModelFileStatus.Missing => "missing",
        ModelFileStatus.WrongSize => $"corrupt ({check.Length} of {check.Spec.Size} bytes)",
        _ => "corrupt (sha256 mismatch)",
    };

    private static string Size(long? bytes) => bytes switch
    {
        null => "?",
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0} KiB",
        _ => $"{bytes / (1024.0 * 1024):0.0} MiB",
    };
}

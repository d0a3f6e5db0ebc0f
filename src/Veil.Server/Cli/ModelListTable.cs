using Veil.Vision.Models;

namespace Veil.Server.Cli;

/// <summary>The table `veil models list` prints: plain aligned columns, readable in logs and by scripts.</summary>
internal static class ModelListTable
{
    public static void Write(TextWriter output, IReadOnlyList<ModelFileCheck> checks)
    {
        string[] header = ["name", "precision", "task", "file", "size", "licence", "status"];
        var rows = checks.Select(c => new[]
        {
            c.Spec.Name, Precision(c.Spec, checks), c.Spec.Task, c.Spec.File, Size(c.Length ?? c.Spec.Size), c.Spec.License, Status(c),
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

    // The precision each model runs at by default (--precision auto) is marked.
    private static string Precision(ModelSpec spec, IReadOnlyList<ModelFileCheck> checks)
    {
        bool int8Default = checks.Any(c => c.Spec.Name == spec.Name && !c.Spec.IsInt8Variant && c.Spec.Int8 is { Default: true });
        return spec.IsInt8Variant ? (int8Default ? "int8 (default)" : "int8") : (int8Default ? "fp32" : "fp32 (default)");
    }

    private static string Status(ModelFileCheck check) => check.Status switch
    {
        ModelFileStatus.Verified => "verified",
        ModelFileStatus.Present => "present (not verified)",
        ModelFileStatus.Missing when check.Spec.IsInt8Variant => "missing (veil models quantize derives it)",
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

using System.Globalization;

namespace Veil.Fuzz.Runner;

/// <summary>The results as a Markdown table (ready for a report), then each parser's refusals by kind and its findings.</summary>
internal static class FuzzTable
{
    public static void Print(IReadOnlyList<FuzzResult> results, TextWriter output)
    {
        output.WriteLine("| parser | inputs | crashes | hangs | refused (allowed) | taken | inputs/s | peak RSS MiB | alloc B/input | max alloc one input | slowest input ms |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Parser} | {r.Inputs:N0} | {r.Crashes} | {r.Hangs}{(r.Stuck ? " (stuck)" : "")} | {r.Refused:N0} | {r.Taken:N0} | {r.InputsPerSecond:N0} | {r.PeakRssMiB:0} | {r.AllocatedBytesPerInput:N0} | {Bytes(r.MaxAllocatedBytes)} | {r.SlowestInputMs:0.0} |"));
        output.WriteLine();
        foreach (var r in results)
        {
            var kinds = r.Refusals.OrderByDescending(kv => kv.Value).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:N0}"));
            output.WriteLine($"{r.Parser} refused: {(r.Refused > 0 ? string.Join(", ", kinds) : "none")}");
            foreach (var finding in r.Findings) output.WriteLine($"{r.Parser} finding: {finding}");
        }
    }

    private static string Bytes(long bytes) => bytes >= 1 << 20
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB");
}

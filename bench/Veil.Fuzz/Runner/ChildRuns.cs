using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Veil.Fuzz.Runner;

/// <summary>Starts this program again for one parser (see <see cref="ChildRun"/>) and reads its result.</summary>
internal static class ChildRuns
{
    public static async Task<FuzzResult> RunAsync(string parser, long inputs, int seed, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(ChildRuns).Assembly.Location);
        foreach (var arg in new[] { "--child", parser, "--inputs", inputs.ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {start.FileName}");
        try
        {
            string output = await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            string? line = output.Split('\n').LastOrDefault(l => l.StartsWith('{'));
            return line is not null ? JsonSerializer.Deserialize<FuzzResult>(line)!
                : throw new InvalidOperationException($"the {parser} run ended with exit code {process.ExitCode} and no result");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true); // cancelled: the child goes too
        }
    }
}

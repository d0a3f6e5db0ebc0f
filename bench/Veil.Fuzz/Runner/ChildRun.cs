using System.Diagnostics;
using System.Text.Json;
using Veil.Fuzz.Targets;
using Veil.Bench.Measuring;
using Veil.TestSupport;

namespace Veil.Fuzz.Runner;

/// <summary>
/// One parser's run in this process, a fresh one per parser so the peak memory is that parser's
/// alone: the result is one JSON line on stdout. A watchdog ends the process when one input runs
/// past <see cref="StuckAfter"/> (a stuck thread cannot be stopped), keeping that input.
/// </summary>
internal static class ChildRun
{
    private static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(30);

    public static int Run(IFuzzTarget target, long inputs, int seed)
    {
        var run = new FuzzRun(target, inputs, seed) { FindingsFolder = FindingsFolder(target) };
        new Thread(() => Watch(run)) { IsBackground = true, Name = "fuzz watchdog" }.Start();
        var result = run.Run() with { PeakRssMiB = ProcessUsage.PeakRssMiB() };
        Console.Out.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static string FindingsFolder(IFuzzTarget target) => SharedData.OutDirectory(Path.Combine("fuzz", target.Name));

    private static void Watch(FuzzRun run)
    {
        while (true)
        {
            Thread.Sleep(1000);
            var (input, index, since) = run.Current;
            if (index < 0 || Stopwatch.GetElapsedTime(since) < StuckAfter) continue;
            var findings = new Findings(FindingsFolder(run.Target), run.Seed);
            findings.Add(index, $"never finished (stuck for {StuckAfter.TotalSeconds:0} s)", input);
            var stuck = new FuzzResult(run.Target.Name, index + 1, 0, new Dictionary<string, long>(), 0, 1, true, 0,
                Stopwatch.GetElapsedTime(since).TotalMilliseconds, 0, 0, ProcessUsage.PeakRssMiB(), findings.Seen);
            Console.Out.WriteLine(JsonSerializer.Serialize(stuck));
            Console.Out.Flush();
            Environment.Exit(3);
        }
    }
}

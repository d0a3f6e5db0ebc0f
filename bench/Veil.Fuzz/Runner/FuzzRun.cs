using System.Diagnostics;
using Veil.Fuzz.Targets;

namespace Veil.Fuzz.Runner;

/// <summary>
/// Runs a target over its seeds as they are, then over mutations of them (a fixed random seed, so a
/// run repeats), counting what it takes, what it refuses, what crashes it and what takes longer than
/// the deadline, and how much it allocates. A watchdog can look at <see cref="Current"/> to catch an
/// input that never finishes.
/// </summary>
public sealed class FuzzRun(IFuzzTarget target, long inputs, int seed)
{
    private byte[] _current = [];
    private long _currentStart, _currentIndex = -1;

    public IFuzzTarget Target => target;
    public int Seed => seed;

    /// <summary>An input that takes longer is a hang.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Where crashing and hanging inputs are saved; null keeps none.</summary>
    public string? FindingsFolder { get; init; }

    /// <summary>The input running now, its index and since when (Stopwatch ticks); index -1 when none is.</summary>
    public (byte[] Input, long Index, long Since) Current => (Volatile.Read(ref _current), Volatile.Read(ref _currentIndex), Volatile.Read(ref _currentStart));

    public FuzzResult Run()
    {
        var seeds = target.Seeds();
        if (seeds.Count == 0) throw new InvalidOperationException($"{target.Name} has no seeds in its corpus");
        var random = new Random(seed);
        var findings = new Findings(FindingsFolder, seed);
        var refusals = new Dictionary<string, long>();
        long taken = 0, crashes = 0, hangs = 0, allocatedTotal = 0, allocatedMax = 0;
        var slowest = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < inputs; i++)
        {
            var input = i < seeds.Count ? seeds[(int)i] : Mutations.Next(random, seeds);
            Volatile.Write(ref _current, input);
            Volatile.Write(ref _currentStart, Stopwatch.GetTimestamp());
            Volatile.Write(ref _currentIndex, i);
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            try
            {
                if (target.Run(input) is { } refusal) refusals[refusal] = refusals.GetValueOrDefault(refusal) + 1;
                else taken++;
            }
            catch (Exception e)
            {
                crashes++;
                findings.Add(i, $"{e.GetType().Name}: {e.Message}", input);
            }
            var elapsed = Stopwatch.GetElapsedTime(start);
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            Volatile.Write(ref _currentIndex, -1);
            allocatedTotal += allocated;
            allocatedMax = Math.Max(allocatedMax, allocated);
            if (elapsed > slowest) slowest = elapsed;
            if (elapsed > Deadline)
            {
                hangs++;
                findings.Add(i, $"took {elapsed.TotalMilliseconds:0} ms (deadline {Deadline.TotalMilliseconds:0} ms)", input);
            }
        }
        return new FuzzResult(target.Name, inputs, taken, refusals, crashes, hangs, false, clock.Elapsed.TotalSeconds, slowest.TotalMilliseconds,
            inputs > 0 ? (double)allocatedTotal / inputs : 0, allocatedMax, 0, findings.Seen);
    }
}

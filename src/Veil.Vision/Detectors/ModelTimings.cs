using System.Collections.Concurrent;
using System.Diagnostics;

namespace Veil.Vision.Detectors;

/// <summary>Accumulated inference time and call count per model; shared by a stream's detection workers.</summary>
public sealed class ModelTimings
{
    private sealed class Counter
    {
        public long Ticks, Runs;
    }

    private readonly ConcurrentDictionary<string, Counter> _byModel = new();

    // No allocation once a model has its counter: this runs on every detection.
    public void Add(string model, long startTimestamp)
    {
        var counter = _byModel.GetOrAdd(model, static _ => new Counter());
        Interlocked.Add(ref counter.Ticks, Stopwatch.GetTimestamp() - startTimestamp);
        Interlocked.Increment(ref counter.Runs);
    }

    /// <summary>How many frames each model ran on.</summary>
    public IReadOnlyDictionary<string, long> Runs() => _byModel.ToDictionary(kv => kv.Key, kv => kv.Value.Runs);

    /// <summary>Mean milliseconds per run (per frame it ran on) for each model.</summary>
    public IReadOnlyDictionary<string, double> MeanMilliseconds()
        => _byModel.ToDictionary(kv => kv.Key, kv => kv.Value.Runs == 0 ? 0 : kv.Value.Ticks * 1000.0 / Stopwatch.Frequency / kv.Value.Runs);
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace Veil.Vision.Detectors;

/// <summary>Accumulated inference time and call count per model; shared by a stream's detection workers.</summary>
public sealed class ModelTimings
{
    private sealed class Counter
    {
        public long Ticks, Runs, Pixels;
    }

    private readonly ConcurrentDictionary<string, Counter> _byModel = new();

    // No allocation once a model has its counter: this runs on every detection.
    public void Add(string model, long startTimestamp)
    {
        var counter = _byModel.GetOrAdd(model, static _ => new Counter());
        Interlocked.Add(ref counter.Ticks, Stopwatch.GetTimestamp() - startTimestamp);
        Interlocked.Increment(ref counter.Runs);
    }

    /// <summary>Adds input pixels a model read: its work, which a loaded machine does not inflate as it does time.</summary>
    public void AddPixels(string model, long pixels)
    {
        var counter = _byModel.GetOrAdd(model, static _ => new Counter());
        Interlocked.Add(ref counter.Pixels, pixels);
    }

    /// <summary>Input pixels each model read in all.</summary>
    public IReadOnlyDictionary<string, long> Pixels() => _byModel.ToDictionary(kv => kv.Key, kv => kv.Value.Pixels);

    /// <summary>How many frames each model ran on.</summary>
    public IReadOnlyDictionary<string, long> Runs() => _byModel.ToDictionary(kv => kv.Key, kv => kv.Value.Runs);

    /// <summary>Mean milliseconds per run (per frame it ran on) for each model.</summary>
    public IReadOnlyDictionary<string, double> MeanMilliseconds()
        => _byModel.ToDictionary(kv => kv.Key, kv => kv.Value.Runs == 0 ? 0 : kv.Value.Ticks * 1000.0 / Stopwatch.Frequency / kv.Value.Runs);
}

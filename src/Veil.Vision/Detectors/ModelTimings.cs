using System.Collections.Concurrent;
using System.Diagnostics;

namespace Veil.Vision.Detectors;

/// <summary>Accumulated inference time and call count per model.</summary>
public sealed class ModelTimings
{
    private readonly ConcurrentDictionary<string, (long Ticks, long Frames)> _byModel = new();

    public void Add(string model, long startTimestamp)
    {
        long elapsed = Stopwatch.GetTimestamp() - startTimestamp;
        _byModel.AddOrUpdate(model, (elapsed, 1), (_, v) => (v.Ticks + elapsed, v.Frames + 1));
    }

    /// <summary>How many frames each model ran on.</summary>
    public IReadOnlyDictionary<string, long> Runs() => _byModel.ToDictionary(kv => kv.Key, kv => kv.Value.Frames);

    /// <summary>Mean milliseconds per run (per frame it ran on) for each model.</summary>
    public IReadOnlyDictionary<string, double> MeanMilliseconds()
        => _byModel.ToDictionary(kv => kv.Key, kv => kv.Value.Frames == 0 ? 0 : kv.Value.Ticks * 1000.0 / Stopwatch.Frequency / kv.Value.Frames);
}

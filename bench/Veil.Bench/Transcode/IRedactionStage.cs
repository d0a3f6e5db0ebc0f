using Veil.Core.Pipeline;

namespace Veil.Bench.Transcode;

/// <summary>One run's redaction stage and what it counted; disposed after the run.</summary>
internal interface IRedactionStage : IAsyncDisposable
{
    IFrameProcessor Processor { get; }

    /// <summary>Frames obscured whole (or dropped) because detection failed on them.</summary>
    long ObscuredFrames { get; }

    /// <summary>Mean inference milliseconds per run, runs and input pixels read, by model (empty without detection).</summary>
    IReadOnlyDictionary<string, (double Ms, long Runs, long Pixels)> ModelTimes { get; }

    /// <summary>Which file of each model ran ("face int8, plate fp32"); null without detection.</summary>
    string? Precisions { get; }
}

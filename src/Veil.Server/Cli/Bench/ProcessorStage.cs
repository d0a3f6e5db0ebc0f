using Veil.Bench.Transcode;
using Veil.Core.Pipeline;
using Veil.Server.Anonymize;
using Veil.Server.Violations;

namespace Veil.Server.Cli.Bench;

/// <summary>A <see cref="ProcessorFactory"/> as a bench's redaction stage, with the outbox its violation rules report to.</summary>
internal sealed class ProcessorStage(ProcessorFactory processors, EventReporter? events) : IRedactionStage
{
    public IFrameProcessor Processor => processors.Processor;
    public long ObscuredFrames => processors.ObscuredFrames;
    public IReadOnlyDictionary<string, (double Ms, long Runs, long Pixels)> ModelTimes => processors.ModelTimes;
    public string? Precisions => processors.Precisions;

    public async ValueTask DisposeAsync()
    {
        processors.Dispose(); // first: the rules' last events reach the outbox before it closes
        if (events is not null) await events.DisposeAsync();
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Veil.Bench.Transcode;
using Veil.Core.Detections;
using Veil.Media.Codecs;
using Veil.Server.Anonymize;
using Veil.Server.Violations;
using Veil.Server.VisionSetup;

namespace Veil.Server.Cli.Bench;

/// <summary>`veil bench`'s options as the job the benches measure: its stages are built by <see cref="ProcessorFactory"/>, as every run of Veil builds them.</summary>
internal sealed class AnonymizeBenchJob(AnonymizeSettings settings) : IBenchJob
{
    public string Input => settings.Input;
    public EncoderSettings Encoder => settings.Encoder;
    public IReadOnlySet<ObjectClass> Classes => settings.Classes;
    public int Masks => settings.Masks.Count;

    public async Task<IRedactionStage> CreateStageAsync()
    {
        // --events: the rules report to an outbox as a job's do; the bench's output is its figures, so the events are not logged.
        var events = settings.Violations is { } v ? new EventReporter(v, NullLogger.Instance) : null;
        try { return new ProcessorStage(ProcessorFactory.Create(settings, log: CliLogger.Instance, events: events), events); }
        catch
        {
            if (events is not null) await events.DisposeAsync();
            throw;
        }
    }

    public ISharedModels LoadModels() => new SharedModels(settings, ProcessorFactory.LoadModels(settings));

    /// <summary>The streams of `veil bench --streams` share one set of models and run no violation rules.</summary>
    private sealed class SharedModels(AnonymizeSettings settings, DetectionSetup? models) : ISharedModels
    {
        public IRedactionStage CreateStage() => new ProcessorStage(ProcessorFactory.Create(settings, models, CliLogger.Instance), events: null);

        public void Dispose() => models?.Dispose();
    }
}

using Veil.Core.Detections;
using Veil.Media.Codecs;

namespace Veil.Bench.Transcode;

/// <summary>
/// What `veil bench` measures, built by the `veil` CLI from its options: the input, the encoder,
/// what is redacted, and redaction stages made as `veil anonymize` and `veil serve` make theirs.
/// The benches time frames through the stages; how a stage is built stays in the server.
/// </summary>
internal interface IBenchJob
{
    string Input { get; }
    EncoderSettings Encoder { get; }
    IReadOnlySet<ObjectClass> Classes { get; }
    int Masks { get; }

    /// <summary>A stage with its own models (and the violation rules, when asked for): one job's, as `veil anonymize` runs.</summary>
    Task<IRedactionStage> CreateStageAsync();

    /// <summary>The models loaded once for many stages, as `veil serve` shares them between its streams.</summary>
    ISharedModels LoadModels();
}

/// <summary>Models loaded once; the stages made here use them and leave them loaded.</summary>
internal interface ISharedModels : IDisposable
{
    IRedactionStage CreateStage();
}

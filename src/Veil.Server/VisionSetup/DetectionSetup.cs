using Veil.Core.Frames;
using Veil.Vision.Detectors;
using Veil.Vision.Inference;
using Veil.Vision.Models;

namespace Veil.Server.VisionSetup;

/// <summary>
/// Loads the models a run needs once, at start (so a missing, corrupt or mismatched model fails
/// before any frame), and hands out per-stage detectors over the shared sessions.
/// </summary>
internal sealed class DetectionSetup : IDisposable
{
    private readonly ModelSet _models;

    private DetectionSetup(ModelSet models, DetectorOptions options)
    {
        _models = models;
        Options = options;
    }

    public DetectorOptions Options { get; }

    /// <summary>"face int8, person int8, text int8": which file of each model runs.</summary>
    public string Precisions => _models.Describe();

    /// <param name="workers">Detectors that will run side by side: the cores are shared out between them.</param>
    /// <param name="precision">fp32 or int8 per model (--precision); null: each model's manifest default.</param>
    public static DetectionSetup Load(DetectorOptions options, InferenceDevice device, PrecisionChoice? precision = null, int workers = 1)
    {
        var manifest = ModelManifest.LoadDefault();
        var store = ModelStore.For(manifest);
        // One worker gets ONNX Runtime's default (every core); several get a share each: small
        // models scale poorly over threads, so side-by-side frames use the cores better.
        int threads = workers <= 1 ? 0 : Math.Max(1, Environment.ProcessorCount / workers);
        if ((precision ?? PrecisionChoice.Default).UnknownModels(manifest).FirstOrDefault() is { } unknown)
            throw new ModelException($"--precision: no model \"{unknown}\" in {manifest.Path}; known models: {string.Join(", ", manifest.Models.Select(m => m.Name))}");
        var models = ModelSet.Load(manifest, store.Require, options, device, threads, precision);
        var setup = new DetectionSetup(models, options);
        setup.WarmUp();
        return setup;
    }

    /// <summary>Shrinks the shared sessions' arenas after streams ended (they keep the peak of all streams at once).</summary>
    public void ReleaseArenaMemory() => _models.ReleaseArenaMemory();

    public PrivacyDetector CreateDetector(ModelTimings? timings = null) => new(_models, Options, timings);

    /// <summary>A detector with one stream's options (its cadence) over the shared models.</summary>
    public PrivacyDetector CreateDetector(DetectorOptions options, ModelTimings? timings) => new(_models, options, timings);

    /// <summary>
    /// Runs every model once on a blank frame: ONNX Runtime's first run of a session is several
    /// times slower than the rest, and the first real frame must not pay that against its deadline.
    /// </summary>
    private void WarmUp()
    {
        using var detector = CreateDetector();
        using var frame = new NativeFrameBuffer(1280, 720);
        frame.Planes.Fill(128);
        detector.WarmUp(frame.Planes, new List<Core.Detections.Detection>());
    }

    public void Dispose() => _models.Dispose();
}

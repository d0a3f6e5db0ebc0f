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

    public static DetectionSetup Load(DetectorOptions options, InferenceDevice device)
    {
        var manifest = ModelManifest.LoadDefault();
        var store = ModelStore.For(manifest);
        var models = ModelSet.Load(manifest, store.Require, options, device);
        return new DetectionSetup(models, options);
    }

    public PrivacyDetector CreateDetector() => new(_models, Options);

    public void Dispose() => _models.Dispose();
}

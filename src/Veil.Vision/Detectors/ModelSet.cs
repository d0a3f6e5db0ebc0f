using System.Collections.Concurrent;
using Veil.Core.Detections;
using Veil.Vision.Inference;
using Veil.Vision.Models;

namespace Veil.Vision.Detectors;

/// <summary>
/// The ONNX sessions a set of classes needs, loaded once from the model store and shared by every
/// stream. Loading verifies each file (presence, sha256, inputs) so problems surface at start.
/// </summary>
public sealed class ModelSet : IDisposable
{
    private ModelSet(OnnxModel? face, OnnxModel? objects, OnnxModel? text)
    {
        Face = face;
        Objects = objects;
        Text = text;
    }

    public OnnxModel? Face { get; }
    public OnnxModel? Objects { get; }
    public OnnxModel? Text { get; }

    /// <summary>Every model loaded, face, objects, text, for the ones there are.</summary>
    public IEnumerable<OnnxModel> All => new[] { Face, Objects, Text }.OfType<OnnxModel>();

    /// <summary>"face int8, person int8, text fp32": what runs, for logs and `veil bench`.</summary>
    public string Describe() => string.Join(", ", All.Select(m => $"{m.Spec.Name} {(m.Spec.IsInt8Variant ? "int8" : "fp32")}"));

    /// <param name="resolve">The verified local file of a model (the model store's Require).</param>
    /// <param name="intraOpThreads">Threads each session's run may use (0: ONNX Runtime's default, every core).</param>
    /// <param name="precision">Which file of each model runs (default: the manifest's choice per model; float on CUDA).</param>
    public static ModelSet Load(ModelManifest manifest, Func<ModelSpec, string> resolve, DetectorOptions options, InferenceDevice device, int intraOpThreads = 0,
        PrecisionChoice? precision = null)
    {
        precision ??= PrecisionChoice.Default;
        OnnxModel? Open(string name)
        {
            var spec = precision.Resolve(manifest.Get(name), device);
            return new OnnxModel(spec, resolve(spec), device, intraOpThreads);
        }
        OnnxModel? face = null, objects = null, text = null;
        try
        {
            if (options.Wants(ObjectClass.Face)) face = Open("face");
            if (options.NeedsObjects) objects = Open("person");
            if (options.Wants(ObjectClass.Plate)) text = Open("text");
            return new ModelSet(face, objects, text);
        }
        catch
        {
            face?.Dispose();
            objects?.Dispose();
            text?.Dispose();
            throw;
        }
    }

    private readonly ConcurrentDictionary<(int W, int H), bool> _warmAt = new();

    /// <summary>Whether a full pass of every model has run on a frame of this size (see <see cref="PrivacyDetector.WarmUp"/>).</summary>
    internal bool IsWarmAt(int width, int height) => _warmAt.ContainsKey((width, height));

    internal void MarkWarmAt(int width, int height) => _warmAt[(width, height)] = true;

    /// <summary>Shrinks every session's CPU arena to what running inferences hold (see <see cref="OnnxModel.ReleaseArenaMemory"/>).</summary>
    public void ReleaseArenaMemory()
    {
        Face?.ReleaseArenaMemory();
        Objects?.ReleaseArenaMemory();
        Text?.ReleaseArenaMemory();
    }

    public void Dispose()
    {
        Face?.Dispose();
        Objects?.Dispose();
        Text?.Dispose();
    }
}

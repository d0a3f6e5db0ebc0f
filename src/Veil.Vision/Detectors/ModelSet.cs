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

    /// <param name="resolve">The verified local file of a model (the model store's Require).</param>
    /// <param name="intraOpThreads">Threads each session's run may use (0: ONNX Runtime's default, every core).</param>
    public static ModelSet Load(ModelManifest manifest, Func<ModelSpec, string> resolve, DetectorOptions options, InferenceDevice device, int intraOpThreads = 0)
    {
        OnnxModel? Open(string name)
        {
            var spec = manifest.Get(name);
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

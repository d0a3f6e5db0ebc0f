using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Veil.Vision.Models;

namespace Veil.Vision.Inference;

/// <summary>
/// One model's ONNX Runtime session, created once and shared by every stream (Run is thread-safe).
/// At creation the graph's input is checked against the manifest, so a wrong file fails at start
/// with its name, not mid-stream with a shape error.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;

    public OnnxModel(ModelSpec spec, string path, InferenceDevice device)
    {
        Spec = spec;
        Path = path;
        try
        {
            _session = SessionFactory.Create(path, device);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelException($"model \"{spec.Name}\": {path} is not a valid ONNX model ({e.Message.ReplaceLineEndings(" ").Trim()}): run: veil models pull --force",
                spec.Name, path, e);
        }
        try
        {
            CheckInputs();
        }
        catch
        {
            _session.Dispose();
            throw;
        }
        _inputNames = [spec.Input.Name];
        OutputNames = spec.Outputs.ToArray();
    }

    public ModelSpec Spec { get; }
    public string Path { get; }
    public IReadOnlyCollection<string> OutputNames { get; }

    /// <summary>Runs the model on one input tensor; the caller disposes the outputs (in <paramref name="outputs"/> order).</summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(OrtValue input, IReadOnlyCollection<string>? outputs = null)
    {
        using var runOptions = new RunOptions();
        return _session.Run(runOptions, _inputNames, [input], outputs ?? OutputNames);
    }

    private void CheckInputs()
    {
        var input = Spec.Input;
        if (!_session.InputMetadata.TryGetValue(input.Name, out var meta))
            throw ModelException.InputMismatch(Spec, Path, $"has no input \"{input.Name}\" (it has: {string.Join(", ", _session.InputMetadata.Keys)})");
        if (meta.ElementType != typeof(float))
            throw ModelException.InputMismatch(Spec, Path, $"input \"{input.Name}\" is {meta.ElementType.Name}, expected float");
        if (input.FindMismatch(meta.Dimensions) is { } problem)
            throw ModelException.InputMismatch(Spec, Path, problem);
        foreach (var output in Spec.Outputs)
            if (!_session.OutputMetadata.ContainsKey(output))
                throw ModelException.InputMismatch(Spec, Path, $"has no output \"{output}\" (it has: {string.Join(", ", _session.OutputMetadata.Keys)})");
    }

    /// <summary>A natively allocated float tensor (managed buffers crashed ORT in a probe).</summary>
    public static OrtValue AllocateTensor(params long[] shape)
        => OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, shape);

    public void Dispose() => _session.Dispose();
}

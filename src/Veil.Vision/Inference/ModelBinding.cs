using Microsoft.ML.OnnxRuntime;

namespace Veil.Vision.Inference;

/// <summary>
/// A model's input tensor and output tensors for one input shape, bound to the session once, so
/// a run writes into memory that already exists: no managed allocation per frame.
/// </summary>
public sealed class ModelBinding : IDisposable
{
    private readonly OrtIoBinding _binding;

    internal ModelBinding(OrtIoBinding binding, OrtValue input, OrtValue[] outputs)
    {
        _binding = binding;
        Input = input;
        Outputs = outputs;
    }

    public OrtValue Input { get; }

    /// <summary>In the order of the output names the binding was made for.</summary>
    public IReadOnlyList<OrtValue> Outputs { get; }

    internal OrtIoBinding IoBinding => _binding;

    public void Dispose()
    {
        _binding.Dispose();
        Input.Dispose();
        foreach (var output in Outputs) output.Dispose();
    }
}

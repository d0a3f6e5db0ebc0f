using Microsoft.ML.OnnxRuntime;
using Veil.Vision.Inference;

namespace Veil.Vision.Detectors;

/// <summary>Input tensors of a model kept per shape, so a steady stream allocates none.</summary>
internal sealed class TensorCache : IDisposable
{
    private readonly Dictionary<(int W, int H), OrtValue> _tensors = new();

    public OrtValue Get(int width, int height)
    {
        if (!_tensors.TryGetValue((width, height), out var t))
        {
            if (_tensors.Count >= 16) Dispose(); // bound the cache when sizes keep changing
            t = OnnxModel.AllocateTensor(1, 3, height, width);
            _tensors[(width, height)] = t;
        }
        return t;
    }

    public void Dispose()
    {
        foreach (var t in _tensors.Values) t.Dispose();
        _tensors.Clear();
    }
}

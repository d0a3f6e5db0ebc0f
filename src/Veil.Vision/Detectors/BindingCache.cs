using Veil.Vision.Inference;

namespace Veil.Vision.Detectors;

/// <summary>A model's bound input and outputs kept per input size, so a steady stream allocates none.</summary>
internal sealed class BindingCache(OnnxModel model, IReadOnlyCollection<string>? outputs = null) : IDisposable
{
    private readonly Dictionary<(int W, int H), ModelBinding> _bindings = new();

    /// <summary>Input pixels of every run so far (each Get is one run): the work a model did, whatever the machine's load.</summary>
    public long Pixels { get; private set; }

    public ModelBinding Get(int width, int height)
    {
        Pixels += (long)width * height;
        if (!_bindings.TryGetValue((width, height), out var binding))
        {
            if (_bindings.Count >= 32) Dispose(); // bound the cache when sizes keep changing (canvases come in about 21)
            binding = model.Bind([1, 3, height, width], outputs);
            _bindings[(width, height)] = binding;
        }
        return binding;
    }

    public void Dispose()
    {
        foreach (var binding in _bindings.Values) binding.Dispose();
        _bindings.Clear();
    }
}

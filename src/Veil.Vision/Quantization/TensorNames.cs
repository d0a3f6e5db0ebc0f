using Veil.Vision.Quantization.Onnx;

namespace Veil.Vision.Quantization;

/// <summary>Every name a graph uses, so names made for new tensors and nodes collide with none.</summary>
internal sealed class TensorNames
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public TensorNames(GraphProto graph)
    {
        foreach (var i in graph.Initializer) _used.Add(i.Name);
        foreach (var v in graph.Input) _used.Add(v.Name);
        foreach (var v in graph.Output) _used.Add(v.Name);
        foreach (var node in graph.Node)
        {
            _used.UnionWith(node.Input);
            _used.UnionWith(node.Output);
            if (node.Name.Length > 0) _used.Add(node.Name);
        }
    }

    /// <summary><paramref name="wanted"/>, or it with a number appended when taken; the name is taken from then on.</summary>
    public string Fresh(string wanted)
    {
        string name = wanted;
        for (int i = 2; !_used.Add(name); i++) name = $"{wanted}_{i}";
        return name;
    }
}

using Veil.Vision.Quantization.Onnx;

namespace Veil.Vision.Quantization;

/// <summary>
/// Who makes and who reads each tensor of a graph, and its initializers by name. A snapshot: a pass
/// that changes the graph builds a new one.
/// </summary>
internal sealed class OnnxGraphIndex
{
    private readonly Dictionary<string, NodeProto> _producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<NodeProto>> _consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TensorProto> _initializers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _outputs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inputs = new(StringComparer.Ordinal);

    public OnnxGraphIndex(GraphProto graph)
    {
        Graph = graph;
        foreach (var init in graph.Initializer) _initializers[init.Name] = init;
        foreach (var output in graph.Output) _outputs.Add(output.Name);
        foreach (var input in graph.Input)
            if (!_initializers.ContainsKey(input.Name)) _inputs.Add(input.Name);
        foreach (var node in graph.Node)
        {
            foreach (var output in node.Output)
                if (output.Length > 0) _producers[output] = node;
            foreach (var input in node.Input)
            {
                if (input.Length == 0) continue;
                if (!_consumers.TryGetValue(input, out var list)) _consumers[input] = list = new List<NodeProto>();
                if (!list.Contains(node)) list.Add(node);
            }
        }
    }

    public GraphProto Graph { get; }

    public NodeProto? Producer(string tensor) => _producers.GetValueOrDefault(tensor);

    public IReadOnlyList<NodeProto> Consumers(string tensor) => _consumers.TryGetValue(tensor, out var list) ? list : [];

    public TensorProto? Initializer(string name) => _initializers.GetValueOrDefault(name);

    public bool IsInitializer(string name) => _initializers.ContainsKey(name);

    public bool IsGraphOutput(string tensor) => _outputs.Contains(tensor);

    public bool IsGraphInput(string tensor) => _inputs.Contains(tensor);

    /// <summary>True when <paramref name="tensor"/> is read by <paramref name="node"/> alone and is no graph output: folding it away changes nothing else.</summary>
    public bool OnlyFeeds(string tensor, NodeProto node) => !IsGraphOutput(tensor) && Consumers(tensor) is [var only] && only == node
        && node.Input.Count(i => i == tensor) == 1;
}

using Veil.Vision.Quantization.Onnx;

namespace Veil.Vision.Quantization;

/// <summary>
/// A Conv's or ConvTranspose's weights and bias as floats, changed per output channel and written
/// back as the node's initializers. Conv weights are [O, I/g, kh, kw]; ConvTranspose weights are
/// [I, O/g, kh, kw], handled for one group only.
/// </summary>
internal sealed class ConvWeights
{
    private readonly NodeProto _node;
    private readonly TensorProto _weight;
    private readonly float[] _w;
    private readonly float[] _bias;
    private readonly int _outerCount, _channels, _innerCount; // the weight as [outer, channels, inner]

    private ConvWeights(NodeProto node, TensorProto weight, float[] w, float[] bias, int outer, int channels, int inner)
    {
        _node = node;
        _weight = weight;
        _w = w;
        _bias = bias;
        _outerCount = outer;
        _channels = channels;
        _innerCount = inner;
    }

    public int OutputChannels => _channels;

    public static ConvWeights? Read(OnnxGraphIndex index, NodeProto node)
    {
        if (node.Input.Count < 2 || index.Initializer(node.Input[1]) is not { DataType: OnnxTensors.Float } weight || weight.Dims.Count < 3) return null;
        bool transposed = node.OpType == "ConvTranspose";
        if (transposed && OnnxAttributes.Int(node, "group", 1) != 1) return null;
        var w = OnnxTensors.ToFloats(weight);
        int outer = transposed ? (int)weight.Dims[0] : 1;
        int channels = (int)weight.Dims[transposed ? 1 : 0];
        int inner = w.Length / (outer * channels);
        float[] bias;
        if (node.Input.Count > 2 && node.Input[2].Length > 0)
        {
            if (index.Initializer(node.Input[2]) is not { DataType: OnnxTensors.Float } b) return null;
            bias = OnnxTensors.ToFloats(b);
            if (bias.Length != channels) return null;
        }
        else bias = new float[channels];
        return new ConvWeights(node, weight, w, bias, outer, channels, inner);
    }

    public void ScaleOutputChannels(ReadOnlySpan<float> k)
    {
        for (int o = 0; o < _outerCount; o++)
        for (int c = 0; c < _channels; c++)
        {
            var block = _w.AsSpan((o * _channels + c) * _innerCount, _innerCount);
            for (int i = 0; i < block.Length; i++) block[i] *= k[c];
        }
        for (int c = 0; c < _channels; c++) _bias[c] *= k[c];
    }

    public void AddToBias(ReadOnlySpan<float> b)
    {
        for (int c = 0; c < _channels; c++) _bias[c] += b[c];
    }

    /// <summary>
    /// Replaces the node's weight and bias initializers (in place when only this node reads them,
    /// else under new names), adding a bias input when the node had none.
    /// </summary>
    public void WriteBack(GraphProto graph, OnnxGraphIndex index)
    {
        string output = _node.Output[0];
        _node.Input[1] = Put(graph, index, _node.Input[1], $"{_node.Input[1]}_{output}", _weight.Dims, _w);
        if (_node.Input.Count > 2 && _node.Input[2].Length > 0)
            _node.Input[2] = Put(graph, index, _node.Input[2], $"{_node.Input[2]}_{output}", [_channels], _bias);
        else
        {
            while (_node.Input.Count < 2) _node.Input.Add("");
            string name = OnnxGraphCleanup.UniqueName(index, $"{_node.Input[1]}_bias");
            graph.Initializer.Add(OnnxTensors.OfFloats(name, [_channels], _bias));
            if (_node.Input.Count == 2) _node.Input.Add(name);
            else _node.Input[2] = name;
        }
    }

    private string Put(GraphProto graph, OnnxGraphIndex index, string name, string fresh, IEnumerable<long> dims, float[] values)
    {
        bool shared = index.Consumers(name).Any(n => n != _node) || index.IsGraphOutput(name);
        if (!shared)
        {
            int at = graph.Initializer.IndexOf(index.Initializer(name)!);
            graph.Initializer[at] = OnnxTensors.OfFloats(name, dims, values);
            return name;
        }
        string unique = OnnxGraphCleanup.UniqueName(index, fresh);
        graph.Initializer.Add(OnnxTensors.OfFloats(unique, dims, values));
        return unique;
    }
}

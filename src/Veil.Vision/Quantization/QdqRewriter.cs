using Veil.Vision.Quantization.Onnx;

namespace Veil.Vision.Quantization;

/// <summary>
/// Rewrites a prepared float graph into QDQ form by a <see cref="QuantizationPlan"/>: each planned
/// activation gets QuantizeLinear → DequantizeLinear right after its producer (uint8, calibrated
/// scale), weights become int8 initializers behind a per-channel DequantizeLinear, biases int32 on
/// the accumulator's scale. The graph still computes in float as written; ONNX Runtime recognises
/// each DQ → op → Q group and runs it as one integer kernel.
/// </summary>
internal sealed class QdqRewriter
{
    private readonly GraphProto _graph;
    private readonly OnnxGraphIndex _index;
    private readonly QuantizationPlan _plan;
    private readonly Func<string, (float Min, float Max)> _rangeOf;
    private readonly TensorNames _names;
    private readonly List<NodeProto> _constantNodes = new();
    private readonly Dictionary<string, List<NodeProto>> _after = new(StringComparer.Ordinal);
    private readonly Dictionary<NodeProto, List<NodeProto>> _replacements = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, string> _dequantized = new(StringComparer.Ordinal);
    private readonly Dictionary<string, float> _readScale = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Scale, string Zero, float Value)> _params = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Output, float[] Scales)> _weights = new(StringComparer.Ordinal);
    private string? _zero;

    private readonly int _weightBits;

    private QdqRewriter(GraphProto graph, QuantizationPlan plan, Func<string, (float Min, float Max)> rangeOf, int weightBits)
    {
        _weightBits = weightBits;
        _graph = graph;
        _index = new OnnxGraphIndex(graph);
        _plan = plan;
        _rangeOf = rangeOf;
        _names = new TensorNames(graph);
    }

    /// <param name="rangeOf">The calibrated [min, max] of a tensor the plan lists in <see cref="QuantizationPlan.CalibratedTensors"/>.</param>
    /// <param name="weightBits">Bits each weight keeps (<see cref="CalibrationFile.WeightBits"/>).</param>
    public static void Rewrite(GraphProto graph, QuantizationPlan plan, Func<string, (float Min, float Max)> rangeOf, int weightBits = 8)
        => new QdqRewriter(graph, plan, rangeOf, weightBits).Run();

    private void Run()
    {
        var originalNodes = _graph.Node.ToArray();
        foreach (var a in _plan.Activations) AddActivationPair(a);
        foreach (var (node, (input, requant)) in _plan.RequantAdds) ReplaceByRequantAdd(node, input, requant);
        foreach (var node in originalNodes)
            for (int i = 0; i < node.Input.Count; i++)
                if (_dequantized.TryGetValue(node.Input[i], out var dq)) node.Input[i] = dq;

        foreach (var (node, role) in _plan.Nodes)
        {
            if (role == QdqRole.Weighted) QuantizeWeights(node);
            else if (role == QdqRole.Elementwise)
                for (int i = 0; i < node.Input.Count; i++)
                    if (_index.Initializer(node.Input[i]) is { DataType: OnnxTensors.Float } constant) node.Input[i] = QuantizeConstant(constant);
        }

        // Topological order: constants' DQs first, then each node (or what replaces it) followed by the Q/DQ of its outputs.
        var ordered = new List<NodeProto>(_constantNodes);
        foreach (var input in _graph.Input)
            if (_after.TryGetValue(input.Name, out var pair)) ordered.AddRange(pair);
        foreach (var node in originalNodes)
        {
            if (_plan.Removed.Contains(node)) continue;
            if (_replacements.TryGetValue(node, out var replacement))
            {
                ordered.AddRange(replacement);
                continue;
            }
            ordered.Add(node);
            foreach (var output in node.Output)
                if (_after.TryGetValue(output, out var pair)) ordered.AddRange(pair);
        }
        _graph.Node.Clear();
        _graph.Node.AddRange(ordered);
        OnnxGraphCleanup.RemoveUnusedInitializers(_graph);
    }

    private void AddActivationPair(PlannedActivation activation)
    {
        string tensor = activation.Tensor;
        if (activation.Requant is { } requant)
        {
            _after[tensor] = RequantPair(tensor, requant);
            return;
        }
        string source = activation.RangeSource!;
        var p = Params(source, () => ActivationQuantization.FromRange(_rangeOf(source).Min, _rangeOf(source).Max));
        _after[tensor] = Pair(tensor, p, p, tensor);
    }

    // h → Q with h's parameters → DQ with y's: what reads y reads a·h + b.
    private List<NodeProto> RequantPair(string tensor, Requantization requant)
    {
        var target = requant.TargetQuantization(_rangeOf);
        var source = requant.SourceQuantization(target);
        return Pair(tensor, Params(requant.Target + "_requant", () => source), Params(requant.Target, () => target), requant.Target);
    }

    /// <summary>The scale and zero-point initializers of <paramref name="owner"/> (a range source or a requantization's target), made once.</summary>
    private (string Scale, string Zero, float Value) Params(string owner, Func<ActivationQuantization> make)
    {
        if (_params.TryGetValue(owner, out var p)) return p;
        var q = make();
        p = (_names.Fresh(owner + "_scale"), _names.Fresh(owner + "_zero_point"), q.Scale);
        _graph.Initializer.Add(OnnxTensors.OfFloats(p.Scale, [], [q.Scale]));
        _graph.Initializer.Add(OnnxTensors.OfUInt8s(p.Zero, [], [q.ZeroPoint]));
        _params[owner] = p;
        return p;
    }

    // tensor → Q (written with `quantize`) → DQ (read with `dequantize`); what read `readAs` reads the DQ.
    private List<NodeProto> Pair(string tensor, (string Scale, string Zero, float Value) quantize, (string Scale, string Zero, float Value) dequantize, string readAs)
    {
        string quantized = _names.Fresh(tensor + "_quantized"), dequantized = _names.Fresh(readAs + "_dequantized");
        _dequantized[readAs] = dequantized;
        _readScale[dequantized] = dequantize.Value;
        return
        [
            Node("QuantizeLinear", _names.Fresh(tensor + "_QuantizeLinear"), [tensor, quantize.Scale, quantize.Zero], quantized),
            Node("DequantizeLinear", _names.Fresh(readAs + "_DequantizeLinear"), [quantized, dequantize.Scale, dequantize.Zero], dequantized),
        ];
    }

    /// <summary>HardSigmoid(x) → Add(x, 0) whose output quantizer maps x to α·x + β on [0, 1]: one integer kernel instead of a float pass.</summary>
    private void ReplaceByRequantAdd(NodeProto hardSigmoid, string input, Requantization requant)
    {
        string sum = _names.Fresh(requant.Target + "_requant_input");
        var add = Node("Add", _names.Fresh(requant.Target + "_requant"), [_dequantized[input], ZeroConstant()], sum);
        _replacements[hardSigmoid] = [add, .. RequantPair(sum, requant)];
    }

    private string ZeroConstant()
    {
        if (_zero is not null) return _zero;
        string q = _names.Fresh("veil_zero_quantized"), s = _names.Fresh("veil_zero_scale"), z = _names.Fresh("veil_zero_zero_point");
        _graph.Initializer.Add(OnnxTensors.OfUInt8s(q, [], [0]));
        _graph.Initializer.Add(OnnxTensors.OfFloats(s, [], [1f]));
        _graph.Initializer.Add(OnnxTensors.OfUInt8s(z, [], [0]));
        _zero = _names.Fresh("veil_zero_dequantized");
        _constantNodes.Add(Node("DequantizeLinear", _names.Fresh("veil_zero_DequantizeLinear"), [q, s, z], _zero));
        return _zero;
    }

    private void QuantizeWeights(NodeProto node)
    {
        var weight = _index.Initializer(node.Input[1])!;
        // Conv weights are [O, I/g, kh, kw]; a MatMul's B is [.., K, N] with N its output columns.
        int axis = node.OpType == "MatMul" ? weight.Dims.Count - 1 : 0;
        if (!_weights.TryGetValue(weight.Name, out var w))
        {
            var (values, scales) = WeightQuantization.PerChannel(OnnxTensors.ToFloats(weight), weight.Dims, axis, _weightBits);
            string q = _names.Fresh(weight.Name + "_quantized"), s = _names.Fresh(weight.Name + "_scale"), z = _names.Fresh(weight.Name + "_zero_point");
            _graph.Initializer.Add(OnnxTensors.OfInt8s(q, weight.Dims, values));
            _graph.Initializer.Add(OnnxTensors.OfFloats(s, [scales.Length], scales));
            _graph.Initializer.Add(OnnxTensors.OfInt8s(z, [scales.Length], new sbyte[scales.Length]));
            w = (_names.Fresh(weight.Name + "_dequantized"), scales);
            var dq = Node("DequantizeLinear", _names.Fresh(weight.Name + "_DequantizeLinear"), [q, s, z], w.Output);
            dq.Attribute.Add(OnnxAttributes.OfInt("axis", axis));
            _constantNodes.Add(dq);
            _weights[weight.Name] = w;
        }
        node.Input[1] = w.Output;

        if (node.Input.Count > 2 && node.Input[2].Length > 0 && _index.Initializer(node.Input[2]) is { DataType: OnnxTensors.Float } bias)
        {
            // The bias lives on the accumulator's scale: the scale this node's input is read with × the weight's.
            float inputScale = _readScale.TryGetValue(node.Input[0], out var read) ? read
                : throw new InvalidOperationException($"node \"{QuantizationPlan.NodeId(node)}\" reads \"{node.Input[0]}\", which no planned DequantizeLinear makes");
            var (values, scales) = WeightQuantization.Bias(OnnxTensors.ToFloats(bias), inputScale, w.Scales);
            string q = _names.Fresh(bias.Name + "_quantized"), s = _names.Fresh(bias.Name + "_scale");
            _graph.Initializer.Add(OnnxTensors.OfInt32s(q, [values.Length], values));
            _graph.Initializer.Add(OnnxTensors.OfFloats(s, [scales.Length], scales));
            string output = _names.Fresh(bias.Name + "_dequantized");
            var dq = Node("DequantizeLinear", _names.Fresh(bias.Name + "_DequantizeLinear"), [q, s], output);
            dq.Attribute.Add(OnnxAttributes.OfInt("axis", 0));
            _constantNodes.Add(dq);
            node.Input[2] = output;
        }
    }

    private string QuantizeConstant(TensorProto constant)
    {
        if (_dequantized.TryGetValue(constant.Name, out var known)) return known;
        var (q, values) = ActivationQuantization.Constant(OnnxTensors.ToFloats(constant));
        string name = _names.Fresh(constant.Name + "_quantized"), s = _names.Fresh(constant.Name + "_scale"), z = _names.Fresh(constant.Name + "_zero_point");
        _graph.Initializer.Add(OnnxTensors.OfUInt8s(name, constant.Dims, values));
        _graph.Initializer.Add(OnnxTensors.OfFloats(s, [], [q.Scale]));
        _graph.Initializer.Add(OnnxTensors.OfUInt8s(z, [], [q.ZeroPoint]));
        string output = _names.Fresh(constant.Name + "_dequantized");
        _constantNodes.Add(Node("DequantizeLinear", _names.Fresh(constant.Name + "_DequantizeLinear"), [name, s, z], output));
        _dequantized[constant.Name] = output;
        return output;
    }

    private static NodeProto Node(string op, string name, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = name, Output = { output } };
        node.Input.AddRange(inputs);
        return node;
    }
}

using Veil.Vision.Quantization.Onnx;

namespace Veil.Vision.Quantization;

/// <summary>One tensor that gets a QuantizeLinear → DequantizeLinear pair.</summary>
/// <param name="RangeSource">The tensor whose calibrated range it is quantized with (itself, or what a pass-through node read); null with <paramref name="Requant"/>.</param>
internal sealed record PlannedActivation(string Tensor, string? RangeSource, Requantization? Requant);

/// <summary>
/// Which nodes of a prepared float graph run quantized and which tensors get a QuantizeLinear /
/// DequantizeLinear pair. The output head (every node after the last convolution on the way to an
/// output) stays float: it is cheap, and it carries the scores and box offsets the decoders need at
/// full precision. So do the nodes the calibration file names (a node is named by its first output).
/// Cheap affine steps after a quantized node (a Mul/Add by a scalar, a HardSigmoid) are absorbed
/// into quantization parameters (<see cref="Requantization"/>) instead of running as kernels.
/// </summary>
internal sealed class QuantizationPlan
{
    private QuantizationPlan(IReadOnlyList<(NodeProto, QdqRole)> nodes, IReadOnlyList<PlannedActivation> activations,
        IReadOnlySet<NodeProto> removed, IReadOnlyDictionary<NodeProto, (string Input, Requantization Requant)> requantAdds)
    {
        Nodes = nodes;
        Activations = activations;
        Removed = removed;
        RequantAdds = requantAdds;
        var unitRange = activations.Select(a => a.Requant).Concat(requantAdds.Values.Select(v => v.Requant))
            .Where(r => r is { UnitRange: true }).Select(r => r!.Target).ToHashSet(StringComparer.Ordinal);
        CalibratedTensors = activations
            .Select(a => a.Requant is { } r ? (r.UnitRange ? null : r.Target) : a.RangeSource)
            .Concat(requantAdds.Values.Select(v => v.Requant.UnitRange ? null : v.Requant.Target))
            .OfType<string>().Where(t => !unitRange.Contains(t)).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The quantized nodes in graph order.</summary>
    public IReadOnlyList<(NodeProto Node, QdqRole Role)> Nodes { get; }

    /// <summary>Tensors that get a Q/DQ pair, in graph order.</summary>
    public IReadOnlyList<PlannedActivation> Activations { get; }

    /// <summary>Nodes whose work a requantization does: they leave the graph.</summary>
    public IReadOnlySet<NodeProto> Removed { get; }

    /// <summary>HardSigmoids whose input other nodes read too: each becomes an integer Add of zero that requantizes its input.</summary>
    public IReadOnlyDictionary<NodeProto, (string Input, Requantization Requant)> RequantAdds { get; }

    /// <summary>The tensors calibration must measure.</summary>
    public IReadOnlyList<string> CalibratedTensors { get; }

    public static string NodeId(NodeProto node) => node.Output.Count > 0 ? node.Output[0] : node.Name;

    public static QuantizationPlan Build(GraphProto graph, IReadOnlySet<string> keepFloat)
    {
        var index = new OnnxGraphIndex(graph);
        var feedsCompute = FeedsCompute(graph, index);
        var floats = FloatTensors.Of(graph);
        bool Eligible(NodeProto n) => feedsCompute.Contains(n) && !keepFloat.Contains(NodeId(n)) && (n.Domain is "" or "ai.onnx")
            && n.Output.Count > 0 && floats.Contains(n.Output[0]);

        var roles = new Dictionary<NodeProto, QdqRole>(ReferenceEqualityComparer.Instance); // by reference: protobuf messages compare by value, and nodes change
        foreach (var node in graph.Node)
            if (QdqOperators.RoleOf(node.OpType) is { } role && Eligible(node) && HasQuantizableInputs(index, floats, node, role)) roles[node] = role;

        // Affine steps after a quantized node's output fold into that output's quantization.
        var requants = new Dictionary<string, Requantization>(StringComparer.Ordinal);
        var removed = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        foreach (var (node, role) in roles.ToArray())
        {
            if (role == QdqRole.PassThrough || !roles.ContainsKey(node)) continue;
            string h = node.Output[0];
            if (index.IsGraphOutput(h) || index.Consumers(h) is not [var next] || !index.OnlyFeeds(h, next)) continue;
            if (next.OpType == "HardSigmoid" && Eligible(next) && HardSigmoidRequant(next) is { } hs)
            {
                requants[h] = hs;
                removed.Add(next);
            }
            else if (AffineAfter(index, roles, h, next, removed) is { } affine) requants[h] = affine;
        }
        foreach (var n in removed) roles.Remove(n);

        // A HardSigmoid whose input others read too requantizes a copy: an integer Add of zero.
        var requantAdds = new Dictionary<NodeProto, (string, Requantization)>(ReferenceEqualityComparer.Instance);
        foreach (var node in graph.Node)
            if (node.OpType == "HardSigmoid" && !removed.Contains(node) && Eligible(node) && HardSigmoidRequant(node) is { } hs)
                requantAdds[node] = (node.Input[0], hs);

        var provided = requants.Values.Select(r => r.Target).Concat(requantAdds.Values.Select(v => v.Item2.Target)).ToHashSet(StringComparer.Ordinal);
        var activations = new List<PlannedActivation>();
        // A requantization's target is read with its own parameters: a pass-through node after it shares them.
        var rangeOf = provided.ToDictionary(t => t, t => t, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Quantize(string tensor, string source, Requantization? requant = null)
        {
            if (provided.Contains(tensor) || !seen.Add(tensor)) return;
            activations.Add(new PlannedActivation(tensor, requant is null ? source : null, requant));
            if (requant is null) rangeOf[tensor] = source;
        }

        var nodes = new List<(NodeProto, QdqRole)>();
        foreach (var node in graph.Node)
        {
            if (requantAdds.ContainsKey(node)) Quantize(node.Input[0], rangeOf.GetValueOrDefault(node.Input[0], node.Input[0]));
            if (!roles.TryGetValue(node, out var role)) continue;
            nodes.Add((node, role));
            int dataInputs = role == QdqRole.Elementwise ? node.Input.Count : 1;
            for (int i = 0; i < dataInputs; i++)
            {
                string input = node.Input[i];
                if (input.Length > 0 && !index.IsInitializer(input)) Quantize(input, rangeOf.GetValueOrDefault(input, input));
            }
            string output = node.Output[0];
            if (index.IsGraphOutput(output)) continue;
            if (role == QdqRole.PassThrough && rangeOf.TryGetValue(node.Input[0], out var shared)) Quantize(output, shared);
            else if (requants.TryGetValue(output, out var requant)) Quantize(output, output, requant);
            // Conv → Relu → Q: quantizing the Relu's output (range from 0) lets ONNX Runtime drop the Relu.
            else if (index.Consumers(output) is [var clip] && QdqOperators.IsClip(clip.OpType) && index.OnlyFeeds(output, clip)
                && !index.IsGraphOutput(clip.Output[0]) && feedsCompute.Contains(clip))
                Quantize(clip.Output[0], clip.Output[0]);
            else Quantize(output, output);
        }
        return new QuantizationPlan(nodes, activations, removed, requantAdds);
    }

    private static bool HasQuantizableInputs(OnnxGraphIndex index, HashSet<string> floats, NodeProto node, QdqRole role) => role switch
    {
        QdqRole.Weighted => floats.Contains(node.Input[0]) && !index.IsInitializer(node.Input[0])
            && node.Input.Count >= 2 && index.Initializer(node.Input[1]) is { DataType: OnnxTensors.Float }
            && (node.Input.Count < 3 || node.Input[2].Length == 0 || index.Initializer(node.Input[2]) is { DataType: OnnxTensors.Float }),
        QdqRole.PassThrough => floats.Contains(node.Input[0]) && !index.IsInitializer(node.Input[0]),
        _ => node.Input.All(i => i.Length == 0 || floats.Contains(i)),
    };

    /// <summary>HardSigmoid(x) = clamp(α·x + β, 0, 1): an affine the uint8 saturation clamps, when β·254 is a whole zero point.</summary>
    private static Requantization? HardSigmoidRequant(NodeProto node)
    {
        float alpha = OnnxAttributes.Float(node, "alpha", 0.2f), beta = OnnxAttributes.Float(node, "beta", 0.5f);
        float zero = beta * 254f;
        if (!(alpha > 0) || MathF.Abs(zero - MathF.Round(zero)) > 1e-3f || zero < 0 || zero > 254) return null;
        return new Requantization(node.Output[0], alpha, beta, UnitRange: true);
    }

    /// <summary>h → Mul(a) → Add(b), either optional, by scalar constants with a &gt; 0, each read by the next alone.</summary>
    private static Requantization? AffineAfter(OnnxGraphIndex index, Dictionary<NodeProto, QdqRole> roles, string h, NodeProto next, HashSet<NodeProto> removed)
    {
        float a = 1, b = 0;
        var absorbed = new List<NodeProto>();
        string y = h;
        var node = next;
        if (node.OpType == "Mul" && roles.ContainsKey(node) && ScalarOperand(index, node, y) is > 0 and var k)
        {
            a = k;
            absorbed.Add(node);
            y = node.Output[0];
            node = index.Consumers(y) is [var after] && index.OnlyFeeds(y, after) ? after : null!;
        }
        if (node is { OpType: "Add" } && roles.ContainsKey(node) && ScalarOperand(index, node, y) is { } shift && float.IsFinite(shift))
        {
            b = shift;
            absorbed.Add(node);
            y = node.Output[0];
        }
        if (absorbed.Count == 0 || index.IsGraphOutput(y)) return null;
        removed.UnionWith(absorbed);
        return new Requantization(y, a, b, UnitRange: false);
    }

    private static float? ScalarOperand(OnnxGraphIndex index, NodeProto node, string tensor)
    {
        if (node.Input.Count != 2) return null;
        string other = node.Input[0] == tensor ? node.Input[1] : node.Input[1] == tensor ? node.Input[0] : "";
        return index.Initializer(other) is { DataType: OnnxTensors.Float } c && OnnxTensors.ElementCount(c) == 1 ? OnnxTensors.ToFloats(c)[0] : null;
    }

    /// <summary>Nodes with a convolution or matrix product somewhere after them: the rest is the output head.</summary>
    private static HashSet<NodeProto> FeedsCompute(GraphProto graph, OnnxGraphIndex index)
    {
        var feeds = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        for (int i = graph.Node.Count - 1; i >= 0; i--)
        {
            var node = graph.Node[i];
            if (node.Output.SelectMany(index.Consumers).Any(c => QdqOperators.IsCompute(c.OpType) || feeds.Contains(c))) feeds.Add(node);
        }
        return feeds;
    }
}

using Veil.Vision.Quantization.Onnx;

namespace Veil.Vision.Quantization;

/// <summary>
/// Folds what follows a convolution into its weights and bias: BatchNormalization, and a Mul or Add
/// by a constant that is the same for every pixel of a channel (PP-OCR's "learnable affine"
/// blocks). In float they are separate passes over the tensor ONNX Runtime fuses on its own; in a
/// QDQ graph it cannot, and each would sit between the convolution and its output quantizer,
/// keeping the convolution out of the integer kernels.
/// </summary>
internal static class ConvFolding
{
    public static void Apply(GraphProto graph)
    {
        while (FoldOne(graph)) { }
    }

    private static bool FoldOne(GraphProto graph)
    {
        var index = new OnnxGraphIndex(graph);
        foreach (var conv in graph.Node)
        {
            if (conv.OpType is not ("Conv" or "ConvTranspose") || conv.Output.Count != 1) continue;
            var y = conv.Output[0];
            if (index.Consumers(y) is not [var next] || !index.OnlyFeeds(y, next) || next.Output.Count < 1) continue;
            if (ConvWeights.Read(index, conv) is not { } weights) continue;
            bool folded = next.OpType switch
            {
                "BatchNormalization" => FoldBatchNorm(index, next, weights),
                "Mul" => ConstantPerChannel(index, next, y, weights.OutputChannels) is { } k && Scale(weights, k),
                "Add" => ConstantPerChannel(index, next, y, weights.OutputChannels) is { } b && Shift(weights, b),
                _ => false,
            };
            if (!folded) continue;
            weights.WriteBack(graph, index);
            conv.Output[0] = next.Output[0];
            graph.Node.Remove(next);
            OnnxGraphCleanup.RemoveUnusedInitializers(graph);
            return true;
        }
        return false;
    }

    private static bool FoldBatchNorm(OnnxGraphIndex index, NodeProto bn, ConvWeights weights)
    {
        if (bn.Output.Count > 1 && bn.Output.Skip(1).Any(o => o.Length > 0)) return false; // training outputs in use
        if (bn.Input.Count != 5 || bn.Input.Skip(1).Any(i => !index.IsInitializer(i))) return false;
        var p = bn.Input.Skip(1).Select(i => OnnxTensors.ToFloats(index.Initializer(i)!)).ToArray();
        int c = weights.OutputChannels;
        if (p.Any(a => a.Length != c)) return false;
        float epsilon = OnnxAttributes.Float(bn, "epsilon", 1e-5f);
        var k = new float[c];
        var b = new float[c];
        for (int i = 0; i < c; i++)
        {
            // y = (x − mean) · scale / √(var + ε) + B
            k[i] = p[0][i] / MathF.Sqrt(p[3][i] + epsilon);
            b[i] = p[1][i] - p[2][i] * k[i];
        }
        return Scale(weights, k) && Shift(weights, b);
    }

    private static bool Scale(ConvWeights weights, float[] k)
    {
        weights.ScaleOutputChannels(k);
        return true;
    }

    private static bool Shift(ConvWeights weights, float[] b)
    {
        weights.AddToBias(b);
        return true;
    }

    /// <summary>The other operand of a Mul/Add with the conv's output, one value per output channel, when it is a constant that broadcasts per channel.</summary>
    private static float[]? ConstantPerChannel(OnnxGraphIndex index, NodeProto node, string y, int channels)
    {
        if (node.Input.Count != 2) return null;
        string other = node.Input[0] == y ? node.Input[1] : node.Input[1] == y ? node.Input[0] : "";
        if (index.Initializer(other) is not { DataType: OnnxTensors.Float } constant) return null;
        var values = OnnxTensors.ToFloats(constant);
        var dims = constant.Dims;
        if (values.Length == 1 && dims.Count <= 4) return Enumerable.Repeat(values[0], channels).ToArray();
        // [C,1,1] or [1,C,1,1] against an NCHW output: the channel axis is third from the end.
        bool perChannel = values.Length == channels && dims.Count is 3 or 4 && dims[^3] == channels && dims[^1] == 1 && dims[^2] == 1;
        return perChannel ? values : null;
    }
}

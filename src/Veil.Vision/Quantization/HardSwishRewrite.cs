using Veil.Vision.Quantization.Onnx;

namespace Veil.Vision.Quantization;

/// <summary>
/// Rewrites hard-swish spelt out as x · clip(x + 3, 0, 6) / 6 (paddle2onnx's export) into
/// x · HardSigmoid(x) with α = 1/6, β = ½: the same function, two passes over the tensor instead of
/// four, and its Mul becomes an integer kernel in the QDQ graph.
/// </summary>
internal static class HardSwishRewrite
{
    public static void Apply(GraphProto graph)
    {
        while (RewriteOne(graph)) { }
    }

    private static bool RewriteOne(GraphProto graph)
    {
        var index = new OnnxGraphIndex(graph);
        foreach (var div in graph.Node)
        {
            if (div.OpType != "Div" || div.Input.Count != 2 || !IsScalar(index, div.Input[1], 6f)) continue;
            if (index.Producer(div.Input[0]) is not { OpType: "Mul", Input.Count: 2 } mul || !index.OnlyFeeds(div.Input[0], div)) continue;
            foreach (int side in (ReadOnlySpan<int>)[0, 1])
            {
                string x = mul.Input[side], clipped = mul.Input[1 - side];
                if (index.Producer(clipped) is not { OpType: "Clip" } clip || !index.OnlyFeeds(clipped, mul)) continue;
                if (clip.Input.Count != 3 || !IsScalar(index, clip.Input[1], 0f) || !IsScalar(index, clip.Input[2], 6f)) continue;
                if (index.Producer(clip.Input[0]) is not { OpType: "Add", Input.Count: 2 } add || !index.OnlyFeeds(clip.Input[0], clip)) continue;
                bool addsThree = (add.Input[0] == x && IsScalar(index, add.Input[1], 3f)) || (add.Input[1] == x && IsScalar(index, add.Input[0], 3f));
                if (!addsThree) continue;

                string output = div.Output[0];
                string gate = OnnxGraphCleanup.UniqueName(index, output + "_hardsigmoid");
                var hardSigmoid = new NodeProto { OpType = "HardSigmoid", Name = gate, Input = { x }, Output = { gate } };
                hardSigmoid.Attribute.Add(OnnxAttributes.OfFloat("alpha", 1f / 6f));
                hardSigmoid.Attribute.Add(OnnxAttributes.OfFloat("beta", 0.5f));
                var product = new NodeProto { OpType = "Mul", Name = output, Input = { x, gate }, Output = { output } };
                int at = graph.Node.IndexOf(add);
                foreach (var n in new[] { add, clip, mul, div }) graph.Node.Remove(n);
                graph.Node.Insert(at, product);
                graph.Node.Insert(at, hardSigmoid);
                OnnxGraphCleanup.RemoveUnusedInitializers(graph);
                return true;
            }
        }
        return false;
    }

    private static bool IsScalar(OnnxGraphIndex index, string name, float value)
        => index.Initializer(name) is { DataType: OnnxTensors.Float } t && OnnxTensors.ElementCount(t) == 1 && OnnxTensors.ToFloats(t)[0] == value;
}

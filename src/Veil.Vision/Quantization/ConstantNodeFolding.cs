using Veil.Vision.Quantization.Onnx;

namespace Veil.Vision.Quantization;

/// <summary>
/// Turns Constant nodes into initializers: the quantizer (and ONNX Runtime's QDQ fusion) recognises
/// weights only as initializers, and some exporters (paddle2onnx) write every weight as a node.
/// </summary>
internal static class ConstantNodeFolding
{
    public static void Apply(GraphProto graph)
    {
        var kept = new List<NodeProto>(graph.Node.Count);
        foreach (var node in graph.Node)
        {
            if (node.OpType == "Constant" && (node.Domain is "" or "ai.onnx") && node.Output.Count == 1 && ToTensor(node) is { } tensor)
            {
                tensor.Name = node.Output[0];
                graph.Initializer.Add(tensor);
            }
            else kept.Add(node);
        }
        graph.Node.Clear();
        graph.Node.AddRange(kept);
    }

    private static TensorProto? ToTensor(NodeProto node)
    {
        if (node.Attribute.Count != 1) return null;
        var a = node.Attribute[0];
        return a.Name switch
        {
            "value" => a.T.Clone(),
            "value_float" => OnnxTensors.OfFloats("", [], [a.F]),
            "value_floats" => OnnxTensors.OfFloats("", [a.Floats.Count], a.Floats.ToArray()),
            "value_int" => OnnxTensors.OfInt64s("", [], [a.I]),
            "value_ints" => OnnxTensors.OfInt64s("", [a.Ints.Count], a.Ints.ToArray()),
            _ => null, // sparse or string constants stay nodes: nothing here reads them
        };
    }
}

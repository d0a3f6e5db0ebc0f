using Veil.Vision.Quantization.Onnx;

namespace Veil.Vision.Quantization;

/// <summary>
/// Which tensors of a graph hold floats, by a forward pass over the nodes: graph inputs and
/// initializers say their type; most operators keep their first input's; shape computations
/// (Shape, Size, comparisons, Cast to another type) do not. Only float tensors are quantized: a
/// Concat of int64 shape values feeding a Reshape must stay as it is.
/// </summary>
internal static class FloatTensors
{
    private static readonly HashSet<string> s_notFloat = new(StringComparer.Ordinal)
    {
        "Shape", "Size", "NonZero", "ArgMax", "ArgMin", "Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual",
        "Not", "And", "Or", "Xor", "IsNaN", "IsInf", "TopK",
    };

    public static HashSet<string> Of(GraphProto graph)
    {
        var floats = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in graph.Input)
            if (input.Type?.TensorType is { ElemType: OnnxTensors.Float }) floats.Add(input.Name);
        foreach (var init in graph.Initializer)
            if (init.DataType == OnnxTensors.Float) floats.Add(init.Name);
        foreach (var node in graph.Node)
        {
            bool isFloat = node.OpType switch
            {
                "Cast" => OnnxAttributes.Int(node, "to", 0) == OnnxTensors.Float,
                "Constant" => OnnxAttributes.Find(node, "value") is { T.DataType: OnnxTensors.Float } || OnnxAttributes.Find(node, "value_float") is not null || OnnxAttributes.Find(node, "value_floats") is not null,
                "DequantizeLinear" => true,
                "QuantizeLinear" => false,
                _ when s_notFloat.Contains(node.OpType) => false,
                _ => node.Input.Count > 0 && floats.Contains(node.Input[0]),
            };
            if (!isFloat) continue;
            // TopK-like ops with an index output are in the list above; the rest make floats on every output.
            foreach (var output in node.Output)
                if (output.Length > 0) floats.Add(output);
        }
        return floats;
    }
}

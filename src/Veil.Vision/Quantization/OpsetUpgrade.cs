using Veil.Vision.Quantization.Onnx;

namespace Veil.Vision.Quantization;

/// <summary>
/// Raises the default ONNX opset to 13, the first whose QuantizeLinear/DequantizeLinear take an axis
/// (per-channel weights). The operators whose form changed between the model's opset and 13 are
/// rewritten (Squeeze, Unsqueeze, Split, ReduceSum take their axes as an input from 13 on); a
/// model using one whose meaning changed (Softmax's axis) is refused rather than altered in silence.
/// </summary>
internal static class OpsetUpgrade
{
    public const long QdqOpset = 13;
    private static readonly string[] AxisMeaningChanged = ["Softmax", "LogSoftmax", "Hardmax"];

    public static void Apply(ModelProto model)
    {
        var graph = model.Graph;
        var onnx = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")
            ?? throw new NotSupportedException("the model imports no default ONNX opset");
        if (onnx.Version < QdqOpset)
        {
            if (onnx.Version < 11) throw new NotSupportedException($"the model's opset {onnx.Version} is older than 11; export it again at opset 11 or later");
            foreach (var node in graph.Node)
            {
                if (node.Domain is not ("" or "ai.onnx")) continue;
                if (AxisMeaningChanged.Contains(node.OpType))
                    throw new NotSupportedException($"node \"{node.Name}\" ({node.OpType}) changed meaning in opset 13; export the model at opset 13 or later");
                switch (node.OpType)
                {
                    case "Squeeze" or "Unsqueeze" or "ReduceSum": MoveToInput(graph, node, "axes", 1); break;
                    case "Split": MoveToInput(graph, node, "split", 1); break;
                }
            }
            onnx.Version = QdqOpset;
        }
        if (model.IrVersion < 7) model.IrVersion = 7; // opset 13 needs IR version 7
    }

    // An ints attribute becomes an int64 initializer read at input position `at`.
    private static void MoveToInput(GraphProto graph, NodeProto node, string attribute, int at)
    {
        var a = OnnxAttributes.Find(node, attribute);
        if (a is null) return;
        node.Attribute.Remove(a);
        string name = $"{node.Output[0]}_{attribute}";
        graph.Initializer.Add(OnnxTensors.OfInt64s(name, [a.Ints.Count], a.Ints.ToArray()));
        while (node.Input.Count < at) node.Input.Add("");
        node.Input.Insert(at, name);
    }
}

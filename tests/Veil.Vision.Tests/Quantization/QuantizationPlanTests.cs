using Veil.Vision.Quantization;
using Veil.Vision.Quantization.Onnx;

namespace Veil.Vision.Tests.Quantization;

public sealed class QuantizationPlanTests
{
    [Fact]
    public void Shape_computations_between_convolutions_stay_unquantized()
    {
        // x → Conv → y; shape(y) → Concat with a constant → Reshape(y, shape) → Conv: the int64 Concat feeds a
        // convolution too, but it holds shape values, not activations.
        var graph = new GraphProto();
        graph.Input.Add(new ValueInfoProto { Name = "x", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = OnnxTensors.Float } } });
        graph.Output.Add(new ValueInfoProto { Name = "out" });
        graph.Initializer.Add(OnnxTensors.OfFloats("w1", [4, 3, 1, 1], new float[12]));
        graph.Initializer.Add(OnnxTensors.OfFloats("w2", [4, 4, 1, 1], new float[16]));
        graph.Initializer.Add(OnnxTensors.OfInt64s("rest", [2], [-1, 1]));
        graph.Node.Add(Node("Conv", ["x", "w1"], "y"));
        graph.Node.Add(Node("Shape", ["y"], "shape"));
        graph.Node.Add(Node("Slice", ["shape", "rest", "rest"], "head"));
        graph.Node.Add(Node("Concat", ["head", "rest"], "target"));
        graph.Node.Add(Node("Reshape", ["y", "target"], "z"));
        graph.Node.Add(Node("Conv", ["z", "w2"], "out_conv"));
        graph.Node.Add(Node("Conv", ["out_conv", "w2"], "out"));

        var plan = QuantizationPlan.Build(graph, new HashSet<string>());

        Assert.DoesNotContain(plan.Activations, a => a.Tensor is "shape" or "head" or "target");
        Assert.DoesNotContain(plan.Nodes, n => n.Node.OpType is "Concat" or "Slice");
        Assert.Contains(plan.Activations, a => a.Tensor == "z"); // the Reshape of the activation itself runs on uint8
    }

    private static NodeProto Node(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = output, Output = { output } };
        node.Input.AddRange(inputs);
        if (op == "Concat") node.Attribute.Add(OnnxAttributes.OfInt("axis", 0));
        return node;
    }
}

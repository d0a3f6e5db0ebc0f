using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Veil.Vision.Quantization;
using Veil.Vision.Quantization.Onnx;

namespace Veil.Vision.Tests.Quantization;

/// <summary>
/// A small float ONNX model built here with the shapes of the real detectors' building blocks:
/// Conv + BatchNorm + ReLU, a depthwise Conv with a scalar affine after it, hard-swish spelt out
/// (paddle2onnx style, constants as Constant nodes), a squeeze-excite block with HardSigmoid,
/// MaxPool, Concat, and a Conv → Sigmoid head. Opset 11, like the upstream models.
/// </summary>
internal static class TinyConvNet
{
    public const string Input = "image";
    public const string Output = "scores";
    public const int Size = 32;

    public static byte[] Build(int seed = 7)
    {
        var random = new Random(seed);
        var graph = new GraphProto { Name = "tiny" };
        graph.Input.Add(Value(Input, [1, 3, Size, Size]));
        graph.Output.Add(Value(Output, [1, 4, Size / 2, Size / 2]));

        Conv(graph, random, "c1", Input, 3, 8, 3, group: 1);
        Add(graph, "BatchNormalization", ["c1", Weights(graph, random, "bn_scale", [8], 0.5f, 1.0f), Weights(graph, random, "bn_bias", [8], -0.2f, 0.2f),
            Weights(graph, random, "bn_mean", [8], -1f, 1f), Weights(graph, random, "bn_var", [8], 0.5f, 2f)], "bn", new AttributeProto { Name = "epsilon", Type = AttributeProto.Types.AttributeType.Float, F = 1e-5f });
        Add(graph, "Relu", ["bn"], "r1");
        Conv(graph, random, "c2", "r1", 8, 8, 3, group: 8);
        Add(graph, "Mul", [ConstantNode(graph, "k2", 1.3f), "c2"], "m2");
        Add(graph, "Add", ["m2", ConstantNode(graph, "b2", 0.1f)], "a2");
        // hard-swish as x · clip(x + 3, 0, 6) / 6
        Add(graph, "Add", ["a2", ConstantNode(graph, "three", 3f)], "t3");
        Add(graph, "Clip", ["t3", ConstantNode(graph, "zero", 0f), ConstantNode(graph, "six", 6f)], "cl");
        Add(graph, "Mul", ["a2", "cl"], "m3");
        Add(graph, "Div", ["m3", ConstantNode(graph, "six_div", 6f)], "hs");
        Add(graph, "Mul", [ConstantNode(graph, "k4", 0.7f), "hs"], "h4");
        Add(graph, "Add", ["h4", ConstantNode(graph, "b4", 0.2f)], "h5");
        Add(graph, "MaxPool", ["h5"], "mp", Ints("kernel_shape", 2, 2), Ints("strides", 2, 2));
        Conv(graph, random, "c3", "mp", 8, 8, 1, group: 1);
        // squeeze-excite
        Add(graph, "GlobalAveragePool", ["c3"], "gap");
        Conv(graph, random, "se1", "gap", 8, 4, 1, group: 1);
        Add(graph, "Relu", ["se1"], "se1r");
        Conv(graph, random, "se2", "se1r", 4, 8, 1, group: 1);
        Add(graph, "HardSigmoid", ["se2"], "gate", new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = 0.2f },
            new AttributeProto { Name = "beta", Type = AttributeProto.Types.AttributeType.Float, F = 0.5f });
        Add(graph, "Mul", ["c3", "gate"], "se");
        Add(graph, "Concat", ["se", "mp"], "cat", new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        Conv(graph, random, "head", "cat", 16, 4, 3, group: 1);
        Add(graph, "Sigmoid", ["head"], Output);

        var model = new ModelProto { IrVersion = 6, ProducerName = "veil-tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 11 });
        return model.ToByteArray();
    }

    /// <summary>Pictures of the kind the detectors see: smooth 0-255 gradients with edges and some noise.</summary>
    public static float[] Picture(int seed)
    {
        var random = new Random(seed);
        var data = new float[3 * Size * Size];
        float fx = random.NextSingle() * 0.4f, fy = random.NextSingle() * 0.4f, edge = random.Next(4, Size - 4);
        for (int c = 0; c < 3; c++)
        for (int y = 0; y < Size; y++)
        for (int x = 0; x < Size; x++)
        {
            float v = 128 + 90 * MathF.Sin(fx * x + c) * MathF.Cos(fy * y) + (x > edge ? 40 : -40) + random.Next(-12, 13);
            data[(c * Size + y) * Size + x] = Math.Clamp(v, 0, 255);
        }
        return data;
    }

    public static float[] Run(InferenceSession session, float[] picture)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(picture, [1, 3, Size, Size]);
        using var outputs = session.Run(new RunOptions(), [Input], [input], [Output]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static void Conv(GraphProto graph, Random random, string output, string input, int inChannels, int outChannels, int kernel, int group)
    {
        float spread = MathF.Sqrt(2f / (inChannels / group * kernel * kernel));
        string w = Weights(graph, random, output + "_w", [outChannels, inChannels / group, kernel, kernel], -spread, spread);
        string b = Weights(graph, random, output + "_b", [outChannels], -0.1f, 0.1f);
        int pad = kernel / 2;
        Add(graph, "Conv", [input, w, b], output, Ints("kernel_shape", kernel, kernel), Ints("pads", pad, pad, pad, pad),
            new AttributeProto { Name = "group", Type = AttributeProto.Types.AttributeType.Int, I = group });
    }

    private static string Weights(GraphProto graph, Random random, string name, long[] dims, float min, float max)
    {
        var values = new float[dims.Aggregate(1L, (a, b) => a * b)];
        for (int i = 0; i < values.Length; i++) values[i] = min + (max - min) * random.NextSingle();
        graph.Initializer.Add(OnnxTensors.OfFloats(name, dims, values));
        return name;
    }

    private static string ConstantNode(GraphProto graph, string name, float value)
    {
        var node = new NodeProto { OpType = "Constant", Output = { name } };
        node.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = OnnxTensors.OfFloats("", [1], [value]) });
        graph.Node.Add(node);
        return name;
    }

    private static void Add(GraphProto graph, string op, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = output, Output = { output } };
        node.Input.AddRange(inputs);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    private static ValueInfoProto Value(string name, long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = OnnxTensors.Float, Shape = shape } } };
    }
}

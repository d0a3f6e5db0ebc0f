using Microsoft.ML.OnnxRuntime;
using Veil.Vision.Quantization;
using Veil.Vision.Quantization.Onnx;

namespace Veil.Vision.Tests.Quantization;

public sealed class ModelQuantizerTests
{
    private static readonly byte[] s_float = TinyConvNet.Build();
    private static readonly CalibrationFile s_calibration = TinyCalibration.Measure(s_float);
    private static readonly byte[] s_int8 = ModelQuantizer.Quantize(s_float, s_calibration);

    [Fact]
    public void The_int8_model_has_QDQ_pairs_around_every_convolution_but_the_head()
    {
        var graph = OnnxModelFile.Parse(s_int8, "int8").Graph;
        var producers = graph.Node.SelectMany(n => n.Output.Select(o => (o, n))).ToDictionary(p => p.o, p => p.n);
        var initializers = graph.Initializer.ToDictionary(i => i.Name);
        var convs = graph.Node.Where(n => n.OpType == "Conv").ToArray();

        Assert.Equal(6, convs.Length);
        foreach (var conv in convs.Where(c => c.Name != "head"))
        {
            Assert.Equal("DequantizeLinear", producers[conv.Input[0]].OpType);
            var weights = producers[conv.Input[1]];
            Assert.Equal("DequantizeLinear", weights.OpType);
            Assert.Equal(OnnxTensors.Int8, initializers[weights.Input[0]].DataType);
            Assert.Equal(0, weights.Attribute.Single(a => a.Name == "axis").I); // one scale per output channel
            Assert.Equal(initializers[weights.Input[0]].Dims[0], initializers[weights.Input[1]].Dims[0]);
            var bias = producers[conv.Input[2]];
            Assert.Equal(OnnxTensors.Int32, initializers[bias.Input[0]].DataType);
            Assert.All(conv.Output, o => Assert.Contains(graph.Node, n => n.OpType == "QuantizeLinear" && n.Input[0] == o || n.OpType == "Relu" && n.Input[0] == o));
        }
        var head = convs.Single(c => c.Name == "head");
        Assert.Equal(OnnxTensors.Float, initializers[head.Input[1]].DataType); // the head keeps float weights
        Assert.Equal(OnnxTensors.Float, initializers[head.Input[2]].DataType);
        // BatchNorm and the scalar affine folded into their Conv; hard-swish and the gates became quantization parameters.
        Assert.DoesNotContain(graph.Node, n => n.OpType is "BatchNormalization" or "Div" or "Clip" or "HardSigmoid" or "Constant");
        // The MaxPool after a requantized tensor shares its parameters, so it runs on uint8 (no QDQ of its own range).
        var maxPool = graph.Node.Single(n => n.OpType == "MaxPool");
        var after = graph.Node.Single(n => n.OpType == "QuantizeLinear" && n.Input[0] == maxPool.Output[0]);
        Assert.Equal(producers[maxPool.Input[0]].Input[1], after.Input[1]);
    }

    [Fact]
    public void ONNX_Runtime_runs_the_int8_model_on_integer_kernels()
    {
        var ops = OptimizedOps(s_int8);

        Assert.Equal(5, ops.GetValueOrDefault("QLinearConv"));
        Assert.Equal(1, ops.GetValueOrDefault("Conv") + ops.GetValueOrDefault("FusedConv")); // the head, float (its Sigmoid may be fused in)
        Assert.True(ops.GetValueOrDefault("QLinearMul") >= 2, string.Join(", ", ops));
        Assert.True(ops.GetValueOrDefault("QLinearAdd") >= 1, string.Join(", ", ops));
        Assert.Equal(1, ops.GetValueOrDefault("QLinearConcat"));
        Assert.Equal(1, ops.GetValueOrDefault("QLinearGlobalAveragePool"));
        Assert.Equal(0, ops.GetValueOrDefault("HardSigmoid"));
    }

    [Fact]
    public void The_int8_model_answers_within_tolerance_of_float32()
    {
        using var floatSession = new InferenceSession(s_float);
        using var int8Session = new InferenceSession(s_int8);
        double sum = 0, worst = 0;
        int count = 0;
        foreach (var seed in Enumerable.Range(500, 8)) // pictures calibration never saw
        {
            var expected = TinyConvNet.Run(floatSession, TinyConvNet.Picture(seed));
            var actual = TinyConvNet.Run(int8Session, TinyConvNet.Picture(seed));
            for (int i = 0; i < expected.Length; i++)
            {
                double d = Math.Abs(expected[i] - actual[i]);
                sum += d;
                worst = Math.Max(worst, d);
                count++;
            }
        }
        // Scores are 0-1; random weights amplify rounding more than trained ones. Measured with 7-bit
        // weights on AVX2: mean 0.0135, worst 0.154; with 8-bit ones, mean 0.013 and worst 0.134 on
        // AVX-512 VNNI, but worst 0.354 on AVX2, whose 16-bit pair sums saturate.
        Assert.True(sum / count < 0.02, $"mean |int8 − float| {sum / count:0.0000}");
        Assert.True(worst < 0.2, $"worst |int8 − float| {worst:0.0000}");
    }

    [Fact]
    public void Quantizing_again_gives_the_same_bytes()
    {
        var again = ModelQuantizer.Quantize(TinyConvNet.Build(), CalibrationFile.Parse(s_calibration.ToJsonBytes(), "calibration"));

        Assert.Equal(s_int8, again);
    }

    [Fact]
    public void The_prepared_float_graph_answers_as_the_upstream_model()
    {
        var prepared = OnnxModelFile.Serialize(FloatGraphPreparation.Prepare(OnnxModelFile.Parse(s_float, "float")));
        using var upstream = new InferenceSession(s_float);
        using var folded = new InferenceSession(prepared);

        var picture = TinyConvNet.Picture(42);
        var expected = TinyConvNet.Run(upstream, picture);
        var actual = TinyConvNet.Run(folded, picture);

        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-4, $"value {i}: {expected[i]} vs {actual[i]}");
        Assert.Equal(13, OnnxModelFile.Parse(prepared, "prepared").OpsetImport.Single().Version);
    }

    [Fact]
    public void A_node_the_calibration_keeps_float_stays_float()
    {
        // Nodes are named by their first output in the prepared graph: c1's is "bn" once the BatchNorm is folded into it.
        var calibration = TinyCalibration.Measure(s_float, keepFloat: ["bn"]);

        var graph = OnnxModelFile.Parse(ModelQuantizer.Quantize(s_float, calibration), "int8").Graph;

        var c1 = graph.Node.Single(n => n.Name == "c1");
        Assert.Equal(OnnxTensors.Float, graph.Initializer.Single(i => i.Name == c1.Input[1]).DataType);
        Assert.Equal(TinyConvNet.Input, c1.Input[0]);
    }

    [Fact]
    public void Seven_bit_weights_stay_within_63_and_eight_bit_ones_use_127()
    {
        Assert.Equal(7, CalibrationFile.Parse(s_calibration.ToJsonBytes(), "calibration").WeightBits);
        var eightBits = ModelQuantizer.Quantize(s_float, s_calibration with { WeightBits = 8 });

        // Each channel's largest weight takes the top level.
        Assert.Equal(63, LargestWeightLevel(s_int8));
        Assert.Equal(127, LargestWeightLevel(eightBits));
    }

    private static int LargestWeightLevel(byte[] model) => OnnxModelFile.Parse(model, "int8").Graph.Initializer
        .Where(i => i.DataType == OnnxTensors.Int8 && i.Name.EndsWith("_quantized", StringComparison.Ordinal))
        .SelectMany(w => w.RawData.ToByteArray()).Max(b => Math.Abs((int)(sbyte)b));

    [Fact]
    public void A_calibration_asking_for_other_weight_bits_is_refused()
    {
        var json = System.Text.Encoding.UTF8.GetString(s_calibration.ToJsonBytes()).Replace("\"ranges\"", "\"weight_bits\": 4,\n  \"ranges\"");

        var e = Assert.Throws<FormatException>(() => CalibrationFile.Parse(System.Text.Encoding.UTF8.GetBytes(json), "tiny.json"));

        Assert.Contains("weight_bits 4 must be 7 or 8", e.Message);
    }

    [Fact]
    public void A_calibration_of_another_float_model_is_refused()
    {
        var other = TinyConvNet.Build(seed: 8);

        var e = Assert.Throws<FormatException>(() => ModelQuantizer.Quantize(other, s_calibration));

        Assert.Contains("was measured on float model", e.Message);
    }

    private static Dictionary<string, int> OptimizedOps(byte[] model)
    {
        string path = Path.Combine(Path.GetTempPath(), $"veil-optimized-{Guid.NewGuid():N}.onnx");
        try
        {
            // EXTENDED: the QDQ fusions, without the layout changes of ALL that tie the file to this CPU.
            using (var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED, OptimizedModelFilePath = path })
            using (new InferenceSession(model, options)) { }
            return OnnxModelFile.Read(path).Graph.Node.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count());
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;
using Veil.Vision.Imaging;
using Veil.Vision.Models;
using Veil.Vision.Quantization;
using Veil.Vision.Quantization.Onnx;
using Xunit.Abstractions;
namespace Veil.Vision.Tests.Quantization;
public sealed class LayerErrorTmp(ITestOutputHelper output)
{
    [Fact]
    public void Report()
    {
        var manifest = ModelManifest.Load("/work/wt-int8/models/models.json");
        var store = ModelStore.For(manifest);
        var spec = manifest.Get(Environment.GetEnvironmentVariable("MODEL") ?? "text");
        var floatBytes = File.ReadAllBytes(store.Require(spec));
        var cal = CalibrationFile.Parse(File.ReadAllBytes(Environment.GetEnvironmentVariable("CAL") ?? "/work/wt-int8/models/calibration/text.json"), "cal");
        var prepared = FloatGraphPreparation.Prepare(OnnxModelFile.Parse(floatBytes, "f"));
        var plan = QuantizationPlan.Build(prepared.Graph, cal.KeepFloat.ToHashSet());
        var int8 = OnnxModelFile.Parse(ModelQuantizer.Quantize(floatBytes, cal), "q");
        var pairs = new List<(string F, string Q)>();
        var qNames = int8.Graph.Node.SelectMany(n => n.Output).ToHashSet();
        foreach (var a in plan.Activations)
        {
            string target = a.Requant?.Target ?? a.Tensor;
            if (qNames.Contains(target + "_dequantized")) pairs.Add((target, target + "_dequantized"));
        }
        foreach (var (m, names) in new[] { (prepared, pairs.Select(p => p.F)), (int8, pairs.Select(p => p.Q)) })
            foreach (var n in names)
                if (!m.Graph.Output.Any(o => o.Name == n)) m.Graph.Output.Add(new ValueInfoProto { Name = n, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } });
        using var fs = new InferenceSession(OnnxModelFile.Serialize(prepared));
        using var qs = new InferenceSession(OnnxModelFile.Serialize(int8));
        using var bgr = Cv2.ImRead(Environment.GetEnvironmentVariable("IMAGE") ?? "/work/shared/data/plates-dev/images/eu_test_083.jpg");
        int tw = (bgr.Width + 31) & ~31, th = (bgr.Height + 31) & ~31;
        var data = new float[3 * tw * th];
        TensorWriter.WriteNchw(bgr, data, tw, th, spec.Input.Scale, spec.Input.Mean.ToArray(), spec.Input.Std.ToArray(), spec.Input.Pad ?? 0);
        using var input = OrtValue.CreateTensorValueFromMemory(data, [1, 3, th, tw]);
        using var fo = fs.Run(new RunOptions(), [spec.Input.Name], [input], pairs.Select(p => p.F).ToArray());
        using var qo = qs.Run(new RunOptions(), [spec.Input.Name], [input], pairs.Select(p => p.Q).ToArray());
        for (int i = 0; i < pairs.Count; i++)
        {
            var a = fo[i].GetTensorDataAsSpan<float>(); var b = qo[i].GetTensorDataAsSpan<float>();
            double num = 0, den = 0; float fmin = float.MaxValue, fmax = float.MinValue;
            for (int k = 0; k < a.Length; k++) { num += (a[k] - b[k]) * (double)(a[k] - b[k]); den += a[k] * (double)a[k]; fmin = Math.Min(fmin, a[k]); fmax = Math.Max(fmax, a[k]); }
            var r = cal.Ranges.FirstOrDefault(x => x.Key == pairs[i].F).Value;
            output.WriteLine($"{i,3} {pairs[i].F,-40} rel-err {Math.Sqrt(num / Math.Max(den, 1e-12)):0.000}  float [{fmin:0.00},{fmax:0.00}] cal [{r.Min:0.00},{r.Max:0.00}]");
        }
    }
}

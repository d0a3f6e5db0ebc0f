using BenchmarkDotNet.Attributes;
using Veil.Vision.Inference;
using Veil.Vision.Models;
using Veil.Vision.Quantization;

namespace Veil.Benchmarks;

/// <summary>
/// One inference of each detector, float32 (baseline) against the int8 file Veil derives, at the
/// input sizes Veil feeds it: YuNet at long sides 640 and 1280 of a 16:9 frame, YOLOX-Nano at 416,
/// the PP-OCR text detector on a vehicle crop (long side 480), on the whole frame (960), and on the
/// canvases change regions are packed on (a small one, 384x192, and the largest, 704x448). The
/// session is the one detection uses (<see cref="OnnxModel"/>: spinning off, bound tensors) with
/// one intra-op thread, as each of Veil's detection workers has (one worker per core, up to four),
/// so the time is ONNX Runtime's alone and another process on the second core disturbs it less. Fp32Prepared is the float graph the quantizer
/// starts from (BatchNorm and affines folded, hard-swish in two nodes): what folding alone gives.
/// Needs `veil models pull` (it derives the int8 files).
/// </summary>
[MemoryDiagnoser]
public class QuantizedInferenceBenchmarks
{
    private OnnxModel _fp32 = null!, _prepared = null!, _int8 = null!;
    private ModelBinding _fp32Binding = null!, _preparedBinding = null!, _int8Binding = null!;
    private string _preparedPath = "";
    private const int Threads = 1;

    [Params("face 640x384", "face 1280x736", "person 416x416", "text 480x288", "text 960x544", "text 384x192", "text 704x448")]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Case.Split(' ');
        var size = parts[1].Split('x').Select(long.Parse).ToArray();
        var manifest = ModelManifest.LoadDefault();
        var store = ModelStore.For(manifest);
        var spec = manifest.Get(parts[0]);
        store.DeriveInt8(spec);
        _fp32 = new OnnxModel(spec, store.Require(spec), InferenceDevice.Cpu, Threads);
        _int8 = new OnnxModel(spec.AsInt8(), store.Require(spec.AsInt8()), InferenceDevice.Cpu, Threads);
        _preparedPath = Path.Combine(Path.GetTempPath(), $"veil-prepared-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(_preparedPath, OnnxModelFile.Serialize(FloatGraphPreparation.Prepare(OnnxModelFile.Read(store.Require(spec)))));
        _prepared = new OnnxModel(spec, _preparedPath, InferenceDevice.Cpu, Threads);
        long[] shape = [1, 3, size[1], size[0]];
        _fp32Binding = Bind(_fp32, shape);
        _preparedBinding = Bind(_prepared, shape);
        _int8Binding = Bind(_int8, shape);
    }

    // A picture-like input (smooth gradients, values of the model's own preprocessing range): kernels do not depend on the values, the text model's post-sigmoid work does a little.
    private static ModelBinding Bind(OnnxModel model, long[] shape)
    {
        var binding = model.Bind(shape);
        var data = binding.Input.GetTensorMutableDataAsSpan<float>();
        var input = model.Spec.Input;
        int w = (int)shape[3], plane = (int)(shape[2] * shape[3]);
        for (int i = 0; i < data.Length; i++)
        {
            int c = i / plane, x = i % w, y = i % plane / w;
            float pixel = (x * 7 + y * 3 + c * 50) % 256;
            data[i] = (pixel * input.Scale - input.Mean[c]) / input.Std[c];
        }
        return binding;
    }

    [Benchmark(Baseline = true)]
    public void Fp32() => _fp32.Run(_fp32Binding);

    [Benchmark]
    public void Fp32Prepared() => _prepared.Run(_preparedBinding);

    [Benchmark]
    public void Int8() => _int8.Run(_int8Binding);

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var b in new[] { _fp32Binding, _preparedBinding, _int8Binding }) b.Dispose();
        foreach (var m in new[] { _fp32, _prepared, _int8 }) m.Dispose();
        File.Delete(_preparedPath);
    }
}

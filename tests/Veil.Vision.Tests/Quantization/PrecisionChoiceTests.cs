using Veil.Vision.Inference;
using Veil.Vision.Models;

namespace Veil.Vision.Tests.Quantization;

public sealed class PrecisionChoiceTests
{
    private static readonly ModelSpec Face = Spec("face", int8Default: true);
    private static readonly ModelSpec Text = Spec("text", int8Default: false);
    private static readonly ModelSpec Plain = Spec("plain", int8Default: null);

    [Fact]
    public void Auto_runs_each_models_manifest_default()
    {
        var auto = PrecisionChoice.Parse("auto");

        Assert.Equal(ModelPrecision.Int8, auto.For(Face, InferenceDevice.Cpu));
        Assert.Equal(ModelPrecision.Fp32, auto.For(Text, InferenceDevice.Cpu));
        Assert.Equal(ModelPrecision.Fp32, auto.For(Plain, InferenceDevice.Cpu));
        Assert.Equal("face.int8.onnx", auto.Resolve(Face, InferenceDevice.Cpu).File);
    }

    [Fact]
    public void One_precision_for_all_and_overrides_per_model()
    {
        var choice = PrecisionChoice.Parse("int8, face=fp32");

        Assert.Equal(ModelPrecision.Fp32, choice.For(Face, InferenceDevice.Cpu));
        Assert.Equal(ModelPrecision.Int8, choice.For(Text, InferenceDevice.Cpu));
        Assert.Equal(ModelPrecision.Fp32, PrecisionChoice.Parse("fp32").For(Face, InferenceDevice.Cpu));
    }

    [Fact]
    public void Cuda_runs_float_and_refuses_int8_asked_for()
    {
        Assert.Equal(ModelPrecision.Fp32, PrecisionChoice.Default.For(Face, InferenceDevice.Cuda));
        Assert.Throws<ModelException>(() => PrecisionChoice.Parse("int8").For(Face, InferenceDevice.Cuda));
    }

    [Fact]
    public void Int8_for_a_model_without_an_int8_file_and_nonsense_are_refused()
    {
        Assert.Throws<ModelException>(() => PrecisionChoice.Parse("int8").For(Plain, InferenceDevice.Cpu));
        Assert.Throws<FormatException>(() => PrecisionChoice.Parse("int4"));
        Assert.Throws<FormatException>(() => PrecisionChoice.Parse("=int8"));
    }

    private static ModelSpec Spec(string name, bool? int8Default) => new()
    {
        Name = name,
        File = name + ".onnx",
        Sha256 = new string('a', 64),
        Int8 = int8Default is { } d ? new ModelInt8Spec { File = name + ".int8.onnx", Sha256 = new string('b', 64), Calibration = $"calibration/{name}.json", CalibrationSha256 = new string('c', 64), Default = d } : null,
    };
}

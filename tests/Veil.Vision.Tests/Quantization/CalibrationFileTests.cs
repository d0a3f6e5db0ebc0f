using System.Security.Cryptography;
using System.Text;
using Veil.Vision.Models;
using Veil.Vision.Quantization;

namespace Veil.Vision.Tests.Quantization;

public sealed class CalibrationFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("veil-calibration-").FullName;
    private readonly byte[] _float = TinyConvNet.Build();
    private readonly byte[] _calibration;
    private readonly ModelSpec _spec;
    private readonly ModelStore _store;

    public CalibrationFileTests()
    {
        _calibration = TinyCalibration.Measure(_float).ToJsonBytes();
        Directory.CreateDirectory(Path.Combine(_root, "models", "calibration"));
        Directory.CreateDirectory(Path.Combine(_root, "cache"));
        File.WriteAllBytes(CalibrationPath, _calibration);
        File.WriteAllBytes(Path.Combine(_root, "cache", "tiny.onnx"), _float);
        var int8 = ModelQuantizer.Quantize(_float, CalibrationFile.Parse(_calibration, CalibrationPath));
        _spec = new ModelSpec
        {
            Name = "tiny",
            Task = "face",
            File = "tiny.onnx",
            Sha256 = Sha256(_float),
            Size = _float.Length,
            License = "Apache-2.0",
            Input = new ModelInputSpec { Name = TinyConvNet.Input, Layout = ModelTensorLayout.Nchw, Colour = ModelColourOrder.Bgr },
            Outputs = [TinyConvNet.Output],
            Decoder = "yunet",
            Sources = [new ModelSource { Dir = "nowhere" }],
            Int8 = new ModelInt8Spec
            {
                File = "tiny.int8.onnx", Sha256 = Sha256(int8), Size = int8.Length,
                Calibration = "calibration/tiny.json", CalibrationSha256 = Sha256(_calibration), Default = true,
            },
        };
        _store = new ModelStore(Path.Combine(_root, "cache"), new ModelStoreOptions { ManifestDir = Path.Combine(_root, "models") });
    }

    private string CalibrationPath => Path.Combine(_root, "models", "calibration", "tiny.json");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_calibration_file_reads_back_to_the_same_bytes()
    {
        var parsed = CalibrationFile.Parse(_calibration, "tiny.json");

        Assert.Equal(_calibration, parsed.ToJsonBytes());
        Assert.Equal("percentile", parsed.Method);
        Assert.NotEmpty(parsed.Ranges);
    }

    [Fact]
    public void The_int8_file_is_derived_into_the_cache_and_verified()
    {
        var result = _store.DeriveInt8(_spec);
        var again = _store.DeriveInt8(_spec);

        Assert.False(result.AlreadyPresent);
        Assert.Equal(Path.Combine(_root, "cache", "tiny.int8.onnx"), result.Path);
        Assert.Equal(_spec.Int8!.Sha256, Sha256(File.ReadAllBytes(result.Path)));
        Assert.True(again.AlreadyPresent);
        Assert.Equal(ModelFileStatus.Verified, _store.Check(_spec.AsInt8()).Status);
    }

    [Fact]
    public void A_tampered_calibration_file_is_refused_with_the_file_named()
    {
        // One range nudged: a plausible edit that would silently change the int8 model.
        var text = Encoding.UTF8.GetString(_calibration);
        int at = text.IndexOf("\"ranges\"", StringComparison.Ordinal);
        int digit = text.IndexOfAny("123456789".ToCharArray(), text.IndexOf('[', at));
        File.WriteAllText(CalibrationPath, text[..digit] + (text[digit] == '9' ? '8' : (char)(text[digit] + 1)) + text[(digit + 1)..]);

        var e = Assert.Throws<ModelException>(() => _store.DeriveInt8(_spec));

        Assert.Contains($"calibration file {CalibrationPath} was changed", e.Message);
        Assert.Contains(_spec.Int8!.CalibrationSha256, e.Message);
        Assert.False(File.Exists(Path.Combine(_root, "cache", "tiny.int8.onnx")));
    }

    [Fact]
    public void An_int8_file_that_is_not_the_pinned_one_is_refused()
    {
        var spec = _spec with { Int8 = _spec.Int8! with { Sha256 = new string('0', 64) } };

        var e = Assert.Throws<ModelException>(() => _store.DeriveInt8(spec));

        Assert.Contains("models.json pins 0000", e.Message);
        Assert.False(File.Exists(Path.Combine(_root, "cache", "tiny.int8.onnx")));
    }

    [Fact]
    public void A_corrupt_int8_file_in_the_cache_is_derived_again()
    {
        _store.DeriveInt8(_spec);
        File.WriteAllBytes(Path.Combine(_root, "cache", "tiny.int8.onnx"), [1, 2, 3]);

        Assert.NotEqual(ModelFileStatus.Verified, _store.Check(_spec.AsInt8()).Status);
        Assert.False(_store.DeriveInt8(_spec).AlreadyPresent);
        Assert.Equal(ModelFileStatus.Verified, _store.Check(_spec.AsInt8()).Status);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

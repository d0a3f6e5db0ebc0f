using System.Security.Cryptography;
using Veil.Vision.Models;
using Veil.Vision.Quantization;

namespace Veil.Server.Cli;

/// <summary>What models.json pins for an int8 file: computed by deriving it from the calibration file as it is now.</summary>
internal static class Int8Pins
{
    public static ModelInt8Spec Compute(ModelStore store, ModelSpec spec, string calibration, bool isDefault)
    {
        var unpinned = spec with { Int8 = new ModelInt8Spec { Calibration = calibration } };
        var calibrationPath = store.CalibrationPathOf(unpinned);
        var calibrationBytes = File.ReadAllBytes(calibrationPath);
        var bytes = ModelQuantizer.Quantize(File.ReadAllBytes(store.Require(spec)), CalibrationFile.Parse(calibrationBytes, calibrationPath));
        return new ModelInt8Spec
        {
            File = spec.Int8?.File is { Length: > 0 } file ? file : Path.GetFileNameWithoutExtension(spec.File) + ".int8.onnx",
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Size = bytes.Length,
            Calibration = calibration,
            CalibrationSha256 = Convert.ToHexStringLower(SHA256.HashData(calibrationBytes)),
            Default = isDefault,
        };
    }

    /// <summary>
    /// Writes the pins into models.json and derives the newly pinned file into the cache, as pull
    /// would leave it: otherwise the cache keeps the file of the old pins and the next run fails on it.
    /// </summary>
    public static string PinAndDerive(string manifestPath, string? cacheDir, string model, ModelInt8Spec pins)
    {
        ModelManifestPins.Write(manifestPath, model, pins);
        var pinned = ModelManifest.Load(manifestPath);
        return ModelStore.For(pinned, cacheDir).DeriveInt8(pinned.Get(model), force: true).Describe();
    }

    public static string Describe(string model, ModelInt8Spec pins)
        => $"{model}: int8 file {pins.File} sha256 {pins.Sha256} size {pins.Size}; calibration {pins.Calibration} sha256 {pins.CalibrationSha256}";
}

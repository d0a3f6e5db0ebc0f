using System.Diagnostics.CodeAnalysis;

namespace Veil.Vision.Models;

/// <summary>
/// The validated contents of <c>models/models.json</c>: every model Veil runs. Loading fails with a
/// <see cref="ModelException"/> naming the manifest and each bad entry, so problems surface at start.
/// </summary>
public sealed class ModelManifest
{
    /// <summary>Points at a manifest to use instead of the default search.</summary>
    public const string EnvironmentVariable = "VEIL_MODELS_MANIFEST";

    private ModelManifest(string path, IReadOnlyList<ModelSpec> models)
    {
        Path = path;
        Models = models;
        SourceRoots = ModelManifestLocator.SourceRoots(path);
    }

    /// <summary>Full path of the file this was loaded from.</summary>
    public string Path { get; }

    public IReadOnlyList<ModelSpec> Models { get; }

    /// <summary>Folders a relative <c>dir</c> source is looked up under, first match wins.</summary>
    public IReadOnlyList<string> SourceRoots { get; }

    public static ModelManifest Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        string json;
        try
        {
            json = File.ReadAllText(full);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelException($"models manifest \"{full}\" not found", filePath: full, inner: e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelException($"models manifest \"{full}\" cannot be read: {e.Message}", filePath: full, inner: e);
        }
        var document = ModelManifestJson.Parse(json, full);
        return new ModelManifest(full, ModelManifestValidator.Validate(document, full));
    }

    /// <summary>
    /// Loads <c>$VEIL_MODELS_MANIFEST</c> when set, else the first <c>models/models.json</c> found walking up
    /// from the working directory, then from the program's folder (the build copies the manifest there).
    /// </summary>
    public static ModelManifest LoadDefault() => LoadDefault(Environment.GetEnvironmentVariable(EnvironmentVariable));

    internal static ModelManifest LoadDefault(string? fromEnvironment)
    {
        var path = ModelManifestLocator.FindDefault(fromEnvironment, out var searched)
            ?? throw new ModelException($"no models manifest found (looked at {searched}); set ${EnvironmentVariable} to models.json");
        return Load(path);
    }

    /// <summary>The model called <paramref name="name"/> (case-insensitive), or an error listing the known names.</summary>
    public ModelSpec Get(string name)
        => TryGet(name, out var spec) ? spec
            : throw new ModelException(
                $"model \"{name}\" is not in models manifest \"{Path}\"; known models: {string.Join(", ", Models.Select(m => m.Name))}",
                name, Path);

    public bool TryGet(string name, [NotNullWhen(true)] out ModelSpec? spec)
    {
        spec = Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
        return spec is not null;
    }
}

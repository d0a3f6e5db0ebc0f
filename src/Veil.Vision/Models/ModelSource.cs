using System.Text.Json.Serialization;

namespace Veil.Vision.Models;

/// <summary>
/// One place a model file can come from. Exactly one of <see cref="Url"/>, <see cref="Npm"/> and
/// <see cref="Dir"/> is set; <see cref="Entry"/> names the file inside an npm package (or inside the
/// folder, when it differs from the model's file name).
/// </summary>
public sealed record ModelSource
{
    /// <summary>HTTP(S) address of the file itself.</summary>
    public string? Url { get; init; }

    /// <summary>An npm package and exact version, <c>name@version</c>, fetched with <c>npm pack</c>.</summary>
    public string? Npm { get; init; }

    /// <summary>Path of the file inside the package tarball (e.g. <c>package/assets/x.onnx</c>) or inside <see cref="Dir"/>.</summary>
    public string? Entry { get; init; }

    /// <summary>A local folder holding the file; a relative folder is looked up from the repository root.</summary>
    public string? Dir { get; init; }

    [JsonIgnore]
    public ModelSourceKind Kind => Url is not null ? ModelSourceKind.Url
        : Npm is not null ? ModelSourceKind.Npm
        : ModelSourceKind.Dir;

    /// <summary>How a user reads it: the URL, <c>npm name@version</c>, or the folder as written in the manifest.</summary>
    public override string ToString() => Kind switch
    {
        ModelSourceKind.Url => Url!,
        ModelSourceKind.Npm => $"npm {Npm}",
        _ => Dir ?? "",
    };
}

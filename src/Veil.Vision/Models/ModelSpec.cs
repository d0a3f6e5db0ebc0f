namespace Veil.Vision.Models;

/// <summary>
/// One entry of <c>models/models.json</c>: what the model finds, its file and checksum, how to feed it,
/// how to read its outputs, its licence and where to fetch it. Loaded through <see cref="ModelManifest"/>,
/// which validates every field, so a spec from there has all of them set.
/// </summary>
public sealed record ModelSpec
{
    /// <summary>The name users type (<c>veil models pull face</c>) and configs refer to.</summary>
    public string Name { get; init; } = "";

    /// <summary>What the model finds: <c>face</c>, <c>objects</c> (persons and vehicles), <c>text</c>.</summary>
    public string Task { get; init; } = "";

    /// <summary>The file name in the model cache: a plain name, no folders.</summary>
    public string File { get; init; } = "";

    /// <summary>SHA-256 of the file, 64 hexadecimal digits.</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>Length in bytes when the manifest gives it; lets a truncated file be told apart from another version.</summary>
    public long? Size { get; init; }

    /// <summary>SPDX identifier of the weights' licence (see THIRD_PARTY_NOTICES.md).</summary>
    public string License { get; init; } = "";

    public string? Copyright { get; init; }

    /// <summary>Where the weights come from (project and path), for people, not for fetching.</summary>
    public string? Origin { get; init; }

    /// <summary>The input tensor and its preprocessing. Never null in a loaded manifest.</summary>
    public ModelInputSpec Input { get; init; } = null!;

    /// <summary>Output tensor names, in the order the decoder reads them.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>How outputs become boxes: <c>yunet</c>, <c>yolox</c>, <c>db</c>.</summary>
    public string Decoder { get; init; } = "";

    /// <summary>Where <c>veil models pull</c> looks, first to last; the first with the right sha256 wins.</summary>
    public IReadOnlyList<ModelSource> Sources { get; init; } = [];

    /// <summary>The int8 file Veil derives from this one (<c>veil models quantize</c>); null when there is none.</summary>
    public ModelInt8Spec? Int8 { get; init; }

    /// <summary>True for the spec of a derived int8 file (from <see cref="AsInt8"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsInt8Variant { get; private init; }

    /// <summary>
    /// This model as its int8 file: the same name, input and outputs, the int8 file's name, sha256
    /// and size, and no sources (it is derived, never fetched).
    /// </summary>
    public ModelSpec AsInt8()
    {
        var int8 = Int8 ?? throw new InvalidOperationException($"model \"{Name}\" has no int8 file");
        return this with { File = int8.File, Sha256 = int8.Sha256, Size = int8.Size, Sources = [], Int8 = null, IsInt8Variant = true };
    }
}

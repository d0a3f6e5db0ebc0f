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
}

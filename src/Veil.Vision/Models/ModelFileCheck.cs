namespace Veil.Vision.Models;

/// <summary>The state of one model's file in the cache.</summary>
/// <param name="Path">Where the file is or would be.</param>
/// <param name="Length">Its length in bytes when it exists.</param>
/// <param name="ActualSha256">Its sha256 when it was hashed.</param>
public sealed record ModelFileCheck(ModelSpec Spec, string Path, ModelFileStatus Status, long? Length, string? ActualSha256)
{
    public bool IsUsable => Status is ModelFileStatus.Verified or ModelFileStatus.Present;

    /// <summary>The problem in words, naming the file, or null when the file is usable.</summary>
    public string? Problem => Status switch
    {
        ModelFileStatus.Missing => $"{Path} is missing",
        ModelFileStatus.WrongSize =>
            $"{Path} is {Length} bytes, expected {Spec.Size} (truncated or another version; sha256 not checked)",
        ModelFileStatus.Corrupt =>
            $"{Path} sha256 mismatch (expected {Spec.Sha256.ToLowerInvariant()}, got {ActualSha256}) — the file is corrupt or another version",
        _ => null,
    };
}

namespace Veil.Vision.Models;

/// <summary>What the model cache holds for one model.</summary>
public enum ModelFileStatus
{
    /// <summary>No file.</summary>
    Missing,

    /// <summary>The file is there with the right length; its sha256 was not checked (a quick look).</summary>
    Present,

    /// <summary>The file's sha256 matches the manifest.</summary>
    Verified,

    /// <summary>The length differs from the manifest: truncated, or another version.</summary>
    WrongSize,

    /// <summary>The sha256 differs from the manifest: corrupt, or another version.</summary>
    Corrupt,
}

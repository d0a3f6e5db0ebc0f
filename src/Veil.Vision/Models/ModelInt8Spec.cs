namespace Veil.Vision.Models;

/// <summary>
/// A model's int8 (QDQ) variant in models.json: not downloaded but derived by Veil's quantizer from
/// the float file and a calibration kept in the repository, and checked like any download (its
/// sha256, and the calibration's, are pinned).
/// </summary>
public sealed record ModelInt8Spec
{
    /// <summary>The file name in the model cache.</summary>
    public string File { get; init; } = "";

    /// <summary>SHA-256 of the derived file: the same float model and calibration give the same bytes.</summary>
    public string Sha256 { get; init; } = "";

    public long? Size { get; init; }

    /// <summary>The calibration file, relative to the manifest's folder (e.g. <c>calibration/face.json</c>).</summary>
    public string Calibration { get; init; } = "";

    /// <summary>SHA-256 of the calibration file: an edited or corrupt one is refused before anything is derived.</summary>
    public string CalibrationSha256 { get; init; } = "";

    /// <summary>Whether runs use the int8 file unless told otherwise (set where `veil eval` showed it keeps the privacy figures).</summary>
    public bool Default { get; init; }
}

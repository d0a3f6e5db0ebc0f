namespace Veil.Vision.Masks;

/// <summary>
/// An area of one camera's picture where burned-in text (a timestamp, a caption) is left
/// readable: text detections that lie in it are not redacted (<see cref="KeepZones"/> has the
/// rule), while faces, heads and people always are and a privacy mask over it still wins. It has
/// the shapes and units of a <see cref="PrivacyMask"/>, whose geometry it borrows (never a style).
/// </summary>
public sealed record KeepZone(PrivacyMask Shape)
{
    /// <summary>
    /// The most of the frame one zone may cover. Overlays are strips along an edge; a zone over
    /// much of the picture is a mistake that would quietly stop plates being redacted there.
    /// </summary>
    public const double MaxFrameShare = 0.25;

    public string Name => Shape.Name;
}

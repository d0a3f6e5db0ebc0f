using System.Drawing;
using Veil.Violations.Calibration;

namespace Veil.Violations.Events;

/// <summary>
/// One violation episode, raised once when its rule's condition had held for the rule's minimum
/// duration. Carries no pixels: the server attaches anonymized media by hash.
/// </summary>
/// <param name="Id">Stable (see <see cref="EventId"/>): the outbox and sidecar deduplicate by it.</param>
/// <param name="Kind">The rule's name, e.g. <see cref="ViolationKinds.TandemRiding"/>.</param>
/// <param name="Time">When the episode started, not when it was raised.</param>
/// <param name="Duration">How long the condition had held when the event was raised.</param>
/// <param name="TrackIds">Every track involved, ascending.</param>
/// <param name="Pixel">Ground contact point of the main track in the image, at the time the event was raised.</param>
/// <param name="Geo">The same point on the map, when the camera is calibrated.</param>
/// <param name="Confidence">0 to 1: the mean over the episode of the rule's confidence (from detector scores).</param>
public sealed record ViolationEvent(
    string Id,
    string Camera,
    string Kind,
    DateTimeOffset Time,
    TimeSpan Duration,
    IReadOnlyList<long> TrackIds,
    PointF Pixel,
    GeoPoint? Geo,
    float Confidence,
    ViolationDetails Details)
{
    /// <summary>SHA-256 (hex) of the anonymized JPEG snapshot, once the server has stored it.</summary>
    public string? SnapshotSha256 { get; init; }

    /// <summary>SHA-256 (hex) of the anonymized clip, once the server has stored it.</summary>
    public string? ClipSha256 { get; init; }
}

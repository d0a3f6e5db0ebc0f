using System.Drawing;
using Veil.Violations.Events;

namespace Veil.Violations.Rules;

/// <summary>
/// A rule's condition holding in one frame.
/// </summary>
/// <param name="SubjectTrackIds">
/// The tracks the episode is about, its identity across frames: the same subject in the next
/// frame continues the episode. Kept minimal (the vehicle, not the vehicle and its riders) so a
/// rider flickering in and out of detection does not restart the episode.
/// </param>
/// <param name="Pixel">Where it happens: a ground contact point in the image.</param>
/// <param name="Confidence">0 to 1, from the detector scores of the tracks involved.</param>
public sealed record RuleFinding(IReadOnlyList<long> SubjectTrackIds, PointF Pixel, float Confidence, ViolationDetails Details)
{
    /// <summary>Other tracks involved now (the riders of a vehicle); the event lists every one seen during the episode.</summary>
    public IReadOnlyList<long> RelatedTrackIds { get; init; } = [];
}

using Veil.Violations.Events;
using Veil.Violations.Zones;

namespace Veil.Violations.Rules;

/// <summary>
/// A two-wheeler inside a directional zone moving against its allowed heading. Headings come
/// from the ground track, so they are compass directions however the camera is turned.
/// </summary>
public sealed class WrongWayRule : IViolationRule
{
    private readonly WrongWayParameters _parameters;

    public WrongWayRule(WrongWayParameters? parameters = null)
    {
        _parameters = parameters ?? new WrongWayParameters();
        _parameters.Validate();
    }

    public string Name => ViolationKinds.WrongWay;

    public TimeSpan MinimumDuration => _parameters.MinimumDuration;

    public string? UnavailableReason(RuleEnvironment environment) =>
        environment.Ground is null ? RuleParameters.NoGroundCalibration
        : !environment.ZonesOf(ZoneKind.Directional).Any() ? "no directional zone is drawn for this camera"
        : null;

    public IEnumerable<RuleFinding> Evaluate(RuleContext context)
    {
        var zones = context.Environment.ZonesOf(ZoneKind.Directional).ToArray();
        foreach (var rider in context.Riders(_parameters.Riding))
        {
            var zone = zones.FirstOrDefault(z => z.Contains(rider.GroundContact));
            if (zone is null || !context.TryMotion(rider.Vehicle, _parameters.MotionWindow, out var motion)) continue;
            if (motion.KilometresPerHour < _parameters.MinimumSpeedKmh || !zone.IsAgainstDirection(motion.HeadingDegrees)) continue;
            yield return new RuleFinding(
                [rider.Vehicle.TrackId], rider.GroundContact, rider.MeanScore,
                new ViolationDetails
                {
                    Zone = zone.Name,
                    SpeedKmh = motion.KilometresPerHour,
                    HeadingDegrees = motion.HeadingDegrees,
                    Riders = rider.RiderCount,
                })
            {
                RelatedTrackIds = rider.PersonIds,
            };
        }
    }
}

using Veil.Violations.Events;
using Veil.Violations.Zones;

namespace Veil.Violations.Rules;

/// <summary>
/// A two-wheeler (ridden or not: an e-scooter model may see the vehicle without its rider)
/// whose ground contact point is inside a forbidden zone.
/// </summary>
public sealed class ForbiddenZoneRule : IViolationRule
{
    private readonly ForbiddenZoneParameters _parameters;

    public ForbiddenZoneRule(ForbiddenZoneParameters? parameters = null)
    {
        _parameters = parameters ?? new ForbiddenZoneParameters();
        _parameters.Validate();
    }

    public string Name => ViolationKinds.ForbiddenZone;

    public TimeSpan MinimumDuration => _parameters.MinimumDuration;

    public string? UnavailableReason(RuleEnvironment environment) =>
        environment.ZonesOf(ZoneKind.Forbidden).Any() ? null : "no forbidden zone is drawn for this camera";

    public IEnumerable<RuleFinding> Evaluate(RuleContext context)
    {
        var zones = context.Environment.ZonesOf(ZoneKind.Forbidden).ToArray();
        foreach (var rider in context.Riders(_parameters.Riding))
        {
            var zone = zones.FirstOrDefault(z => z.Contains(rider.GroundContact));
            if (zone is null) continue;
            yield return new RuleFinding(
                [rider.Vehicle.TrackId], rider.GroundContact, rider.MeanScore,
                new ViolationDetails { Zone = zone.Name, Riders = rider.RiderCount })
            {
                RelatedTrackIds = rider.PersonIds,
            };
        }
    }
}

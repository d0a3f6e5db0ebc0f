using Veil.Violations.Events;

namespace Veil.Violations.Rules;

/// <summary>Two or more people riding one two-wheeler. Needs no calibration: it is geometry in the image.</summary>
public sealed class TandemRidingRule : IViolationRule
{
    private readonly TandemRidingParameters _parameters;

    public TandemRidingRule(TandemRidingParameters? parameters = null)
    {
        _parameters = parameters ?? new TandemRidingParameters();
        _parameters.Validate();
    }

    public string Name => ViolationKinds.TandemRiding;

    public TimeSpan MinimumDuration => _parameters.MinimumDuration;

    public string? UnavailableReason(RuleEnvironment environment) => null;

    public IEnumerable<RuleFinding> Evaluate(RuleContext context)
    {
        foreach (var rider in context.Riders(_parameters.Riding))
        {
            if (rider.RiderCount < _parameters.MinimumPersons) continue;
            yield return new RuleFinding(
                [rider.Vehicle.TrackId], rider.GroundContact, rider.MeanScore,
                new ViolationDetails { Riders = rider.RiderCount })
            {
                RelatedTrackIds = rider.PersonIds,
            };
        }
    }
}

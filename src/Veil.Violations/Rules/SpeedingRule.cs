using Veil.Violations.Events;

namespace Veil.Violations.Rules;

/// <summary>A two-wheeler whose ground speed is above the limit.</summary>
public sealed class SpeedingRule : IViolationRule
{
    private readonly SpeedingParameters _parameters;

    public SpeedingRule(SpeedingParameters? parameters = null)
    {
        _parameters = parameters ?? new SpeedingParameters();
        _parameters.Validate();
    }

    public string Name => ViolationKinds.Speeding;

    public TimeSpan MinimumDuration => _parameters.MinimumDuration;

    public string? UnavailableReason(RuleEnvironment environment) =>
        environment.Ground is null ? RuleParameters.NoGroundCalibration : null;

    public IEnumerable<RuleFinding> Evaluate(RuleContext context)
    {
        foreach (var rider in context.Riders(_parameters.Riding))
        {
            if (!context.TryMotion(rider.Vehicle, _parameters.MotionWindow, out var motion)) continue;
            if (motion.KilometresPerHour <= _parameters.LimitKmh) continue;
            yield return new RuleFinding(
                [rider.Vehicle.TrackId], rider.GroundContact, rider.MeanScore,
                new ViolationDetails
                {
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

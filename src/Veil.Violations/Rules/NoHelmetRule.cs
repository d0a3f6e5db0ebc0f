using Veil.Violations.Events;

namespace Veil.Violations.Rules;

/// <summary>A person riding a two-wheeler whom the helmet classifier sees without a helmet.</summary>
public sealed class NoHelmetRule : IViolationRule
{
    private readonly NoHelmetParameters _parameters;

    public NoHelmetRule(NoHelmetParameters? parameters = null)
    {
        _parameters = parameters ?? new NoHelmetParameters();
        _parameters.Validate();
    }

    public string Name => ViolationKinds.NoHelmet;

    public TimeSpan MinimumDuration => _parameters.MinimumDuration;

    public string? UnavailableReason(RuleEnvironment environment) =>
        environment.HelmetClassifier is null ? "no helmet classifier model in the manifest" : null;

    public IEnumerable<RuleFinding> Evaluate(RuleContext context)
    {
        var classifier = context.Environment.HelmetClassifier
            ?? throw new InvalidOperationException("NoHelmetRule evaluated without a helmet classifier; the engine runs available rules only.");
        foreach (var rider in context.Riders(_parameters.Riding))
        {
            foreach (var person in rider.Persons)
            {
                if (classifier.Read(person) is not { WearsHelmet: false } reading || reading.Confidence < _parameters.MinimumConfidence) continue;
                yield return new RuleFinding(
                    [person.TrackId], rider.GroundContact, reading.Confidence,
                    new ViolationDetails { Riders = rider.RiderCount })
                {
                    RelatedTrackIds = [rider.Vehicle.TrackId],
                };
            }
        }
    }
}

namespace Veil.Violations.Rules;

public sealed record NoHelmetParameters
{
    /// <summary>Least classifier confidence in "no helmet" that counts; below it a hood or hair may be a helmet.</summary>
    public float MinimumConfidence { get; init; } = 0.6f;

    public RidingGeometry Riding { get; init; } = new();

    public TimeSpan MinimumDuration { get; init; } = TimeSpan.FromSeconds(1);

    public void Validate()
    {
        RuleParameters.RequireFraction("NoHelmet", nameof(MinimumConfidence), MinimumConfidence);
        Riding.Validate();
        RuleParameters.RequirePositive("NoHelmet", nameof(MinimumDuration), MinimumDuration);
    }
}

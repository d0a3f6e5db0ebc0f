namespace Veil.Violations.Rules;

public sealed record ForbiddenZoneParameters
{
    public RidingGeometry Riding { get; init; } = new();

    public TimeSpan MinimumDuration { get; init; } = TimeSpan.FromSeconds(1);

    public void Validate()
    {
        Riding.Validate();
        RuleParameters.RequirePositive("ForbiddenZone", nameof(MinimumDuration), MinimumDuration);
    }
}

namespace Veil.Violations.Rules;

public sealed record SpeedingParameters
{
    /// <summary>The speed limit; 25 km/h is the common cap of e-scooters and pedelecs in Europe.</summary>
    public double LimitKmh { get; init; } = 25;

    /// <summary>The span of history the velocity is fitted over.</summary>
    public TimeSpan MotionWindow { get; init; } = TimeSpan.FromSeconds(1);

    public RidingGeometry Riding { get; init; } = new();

    public TimeSpan MinimumDuration { get; init; } = TimeSpan.FromSeconds(1);

    public void Validate()
    {
        RuleParameters.RequirePositive("Speeding", nameof(LimitKmh), LimitKmh);
        RuleParameters.RequirePositive("Speeding", nameof(MotionWindow), MotionWindow);
        Riding.Validate();
        RuleParameters.RequirePositive("Speeding", nameof(MinimumDuration), MinimumDuration);
    }
}

namespace Veil.Violations.Rules;

public sealed record WrongWayParameters
{
    /// <summary>Below this the heading of a track is jitter, and someone pushing a bicycle is no danger.</summary>
    public double MinimumSpeedKmh { get; init; } = 5;

    /// <summary>The span of history the velocity is fitted over.</summary>
    public TimeSpan MotionWindow { get; init; } = TimeSpan.FromSeconds(1);

    public RidingGeometry Riding { get; init; } = new();

    public TimeSpan MinimumDuration { get; init; } = TimeSpan.FromSeconds(1);

    public void Validate()
    {
        RuleParameters.RequirePositive("WrongWay", nameof(MinimumSpeedKmh), MinimumSpeedKmh);
        RuleParameters.RequirePositive("WrongWay", nameof(MotionWindow), MotionWindow);
        Riding.Validate();
        RuleParameters.RequirePositive("WrongWay", nameof(MinimumDuration), MinimumDuration);
    }
}

namespace Veil.Violations.Rules;

public sealed record RiderWithoutVehicleParameters
{
    /// <summary>Faster than a brisk run held for a while; a person at this speed is on something.</summary>
    public double MinimumSpeedKmh { get; init; } = 12;

    /// <summary>The span of history the velocity is fitted over.</summary>
    public TimeSpan MotionWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A person box this much inside a car box is a passenger or the driver, not a rider.</summary>
    public double InsideCarShare { get; init; } = 0.5;

    public RidingGeometry Riding { get; init; } = new();

    /// <summary>Longer than the other rules: a sprinting pedestrian passes 12 km/h for a moment, a rider sustains it.</summary>
    public TimeSpan MinimumDuration { get; init; } = TimeSpan.FromSeconds(2);

    public void Validate()
    {
        RuleParameters.RequirePositive("RiderWithoutVehicle", nameof(MinimumSpeedKmh), MinimumSpeedKmh);
        RuleParameters.RequirePositive("RiderWithoutVehicle", nameof(MotionWindow), MotionWindow);
        RuleParameters.RequireFraction("RiderWithoutVehicle", nameof(InsideCarShare), InsideCarShare);
        Riding.Validate();
        RuleParameters.RequirePositive("RiderWithoutVehicle", nameof(MinimumDuration), MinimumDuration);
    }
}

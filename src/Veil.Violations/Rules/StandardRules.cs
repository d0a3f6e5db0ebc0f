namespace Veil.Violations.Rules;

public static class StandardRules
{
    /// <summary>Every built-in rule with its default parameters; the engine reports which of them a camera can run.</summary>
    public static IReadOnlyList<IViolationRule> CreateAll() =>
    [
        new TandemRidingRule(),
        new ForbiddenZoneRule(),
        new WrongWayRule(),
        new SpeedingRule(),
        new RiderWithoutVehicleRule(),
        new NoHelmetRule(),
    ];
}

namespace Veil.Violations.Events;

/// <summary>The kinds the standard rules emit; stored by the sidecar and shown to people, so never renamed.</summary>
public static class ViolationKinds
{
    public const string TandemRiding = "tandem-riding";
    public const string ForbiddenZone = "forbidden-zone";
    public const string WrongWay = "wrong-way";
    public const string Speeding = "speeding";
    public const string RiderWithoutVehicle = "rider-without-vehicle";
    public const string NoHelmet = "no-helmet";
}

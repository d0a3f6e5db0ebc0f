namespace Veil.Violations.Tracks;

public static class TrackClasses
{
    /// <summary>Vehicles that are ridden by a person standing or sitting on them, which the rider rules are about.</summary>
    public static bool IsTwoWheeler(this TrackClass trackClass) =>
        trackClass is TrackClass.Bicycle or TrackClass.Motorcycle or TrackClass.EScooter;
}

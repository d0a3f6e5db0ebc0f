namespace Veil.Violations.Events;

/// <summary>The measurements behind an event, each present only where its rule has one.</summary>
public sealed record ViolationDetails
{
    public static readonly ViolationDetails None = new();

    /// <summary>Ground speed when the event was raised.</summary>
    public double? SpeedKmh { get; init; }

    /// <summary>Compass heading of the motion (0 north, 90 east).</summary>
    public double? HeadingDegrees { get; init; }

    /// <summary>The zone whose rule was broken.</summary>
    public string? Zone { get; init; }

    /// <summary>How many people were riding the vehicle.</summary>
    public int? Riders { get; init; }
}

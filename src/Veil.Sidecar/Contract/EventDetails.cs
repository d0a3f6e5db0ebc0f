using System.Text.Json;
using System.Text.Json.Serialization;

namespace Veil.Sidecar.Contract;

/// <summary>
/// The measurements Veil's rules put in <see cref="EventDocument.Details"/>, each present only where
/// the rule has one. Absent ones are written as null, as they always were: the sidecar compares the
/// details of a resent event by JSON value, and a resend must stay the same event.
/// </summary>
public sealed record EventDetails
{
    /// <summary>Ground speed when the event was raised.</summary>
    [JsonPropertyName(Names.SpeedKmh)] public double? SpeedKmh { get; init; }

    /// <summary>Compass heading of the motion in degrees (0 north, 90 east).</summary>
    [JsonPropertyName(Names.Heading)] public double? Heading { get; init; }

    /// <summary>The zone whose rule was broken.</summary>
    [JsonPropertyName(Names.Zone)] public string? Zone { get; init; }

    /// <summary>How many people were riding the vehicle.</summary>
    [JsonPropertyName(Names.Riders)] public int? Riders { get; init; }

    public JsonElement ToJsonElement() => JsonSerializer.SerializeToElement(this);

    /// <summary>The field names, for readers of details sent by anyone (the sidecar's exports), which cannot assume these types.</summary>
    public static class Names
    {
        public const string SpeedKmh = "speed_kmh";
        public const string Heading = "heading";
        public const string Zone = "zone";
        public const string Riders = "riders";
    }
}

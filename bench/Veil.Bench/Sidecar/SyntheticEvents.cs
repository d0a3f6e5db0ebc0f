using System.Text.Json;
using Veil.Sidecar.Contract;

namespace Veil.Bench.Sidecar;

/// <summary>
/// The events `veil bench sidecar` stores: event i is the same on every run and engine (20 cameras,
/// 4 kinds, a position for most, spread over 2025 so time filters select a share of them).
/// </summary>
internal static class SyntheticEvents
{
    public const int Cameras = 20;
    public static readonly string[] Kinds = ["tandem_riding", "wrong_way", "speeding", "forbidden_zone"];
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Span = TimeSpan.FromDays(365);

    public const long DurationMs = 1200;
    public static readonly EventPixel Pixel = new(640, 360);

    public static string Camera(long i) => $"cam-{i % Cameras + 1:D2}";

    public static string Kind(long i) => Kinds[i / Cameras % Kinds.Length];

    /// <summary>Event i of <paramref name="count"/>, evenly over the year.</summary>
    public static DateTimeOffset Time(long i, long count) => Start.AddTicks(Span.Ticks / Math.Max(1, count) * i);

    public static long TrackId(long i) => i % 1000;

    public static (double Lat, double Lon)? Position(long i) => i % 10 == 9 ? null : (52.45 + Unit(i, 1) * 0.15, 13.25 + Unit(i, 2) * 0.3);

    public static double Confidence(long i) => 0.5 + Unit(i, 3) * 0.5;

    /// <summary>The details a rule of the event's kind would measure, as the store keeps them.</summary>
    public static JsonElement Details(long i) => (Kind(i) switch
    {
        "speeding" => new EventDetails { SpeedKmh = Math.Round(25 + Unit(i, 4) * 20, 1) },
        "forbidden_zone" => new EventDetails { Zone = "pedestrian area", Riders = 1 },
        "tandem_riding" => new EventDetails { Riders = 2 },
        _ => new EventDetails(),
    }).ToJsonElement();

    /// <summary>The event the ingest endpoint takes.</summary>
    public static EventDocument Document(string id, long i, long count) => new()
    {
        Id = id,
        Camera = Camera(i),
        Kind = Kind(i),
        Time = EventDocument.FormatTime(Time(i, count)),
        DurationMs = DurationMs,
        TrackIds = [TrackId(i)],
        Pixel = Pixel,
        Geo = Position(i) is { } p ? new EventGeo(p.Lat, p.Lon) : null,
        Confidence = Confidence(i),
        Details = Details(i),
    };

    /// <summary>Review states of the bulk rows: 60 % approved, 20 % pending, 10 % rejected, 10 % deleted.</summary>
    public static string Status(long i) => (i % 10) switch
    {
        < 6 => "approved",
        < 8 => "pending",
        8 => "rejected",
        _ => "deleted",
    };

    /// <summary>A reproducible number in [0, 1) for event i and a salt.</summary>
    private static double Unit(long i, int salt)
    {
        var x = (ulong)i * 0x9E3779B97F4A7C15UL + (ulong)salt * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 31)) * 0x94D049BB133111EBUL;
        return (x >> 11) * (1.0 / (1UL << 53));
    }
}

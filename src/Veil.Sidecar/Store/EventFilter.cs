namespace Veil.Sidecar.Store;

/// <summary>
/// Which events a listing or a statistic covers. Null members do not filter. <see cref="From"/> is
/// inclusive, <see cref="To"/> exclusive; <see cref="Place"/> is a case-insensitive substring of the
/// camera's address.
/// </summary>
public sealed record EventFilter
{
    public string? Camera { get; init; }
    public string? Kind { get; init; }
    public IReadOnlyList<EventStatus> Statuses { get; init; } = [EventStatus.Approved];
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public GeoBox? Box { get; init; }
    public string? Place { get; init; }

    /// <summary>When set, only events of these cameras (an operator's); empty selects nothing.</summary>
    public IReadOnlyList<string>? Cameras { get; init; }

    /// <summary>A stable text form, for cache keys.</summary>
    public string Key() => string.Join('\u001f', Camera, Kind, string.Join(',', Statuses.Select(s => s.ToName())),
        From?.ToUnixTimeMilliseconds(), To?.ToUnixTimeMilliseconds(), Box, Place,
        Cameras is null ? null : string.Join('\u001e', Cameras));
}

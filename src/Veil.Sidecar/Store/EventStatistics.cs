namespace Veil.Sidecar.Store;

/// <summary>
/// Counts over the events a filter selects. Hours and days are those of the requested UTC offset;
/// <see cref="ByHour"/> has 24 entries (hour 0 first), <see cref="ByWeekday"/> 7 (Monday first).
/// <see cref="LastModified"/> is the latest change to any event.
/// </summary>
public sealed record EventStatistics(
    long Total,
    IReadOnlyList<KindCount> ByKind,
    IReadOnlyList<CameraCount> ByCamera,
    IReadOnlyList<long> ByHour,
    IReadOnlyList<long> ByWeekday,
    IReadOnlyList<DayCount> Daily,
    DateTimeOffset? LastModified);

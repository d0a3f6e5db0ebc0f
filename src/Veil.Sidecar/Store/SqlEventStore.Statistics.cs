using Dapper;

namespace Veil.Sidecar.Store;

/// <summary>
/// Statistics as SQL GROUP BYs over integer milliseconds: hour = ((t + offset) / 3,600,000) mod 24,
/// day = (t + offset) / 86,400,000, weekday = (day + 3) mod 7 (Monday 0; 1970-01-01 was a Thursday). The
/// same integer arithmetic on both engines, so both give the same numbers; ties are ordered here,
/// not by the database's collation.
/// </summary>
public abstract partial class SqlEventStore
{
    private const long HourMs = 3_600_000;
    private const long DayMs = 86_400_000;

    /// <summary>At most this many days are zero-filled between from and to in <see cref="EventStatistics.Daily"/>.</summary>
    public const int MaxFilledDays = 1000;

    public async Task<EventStatistics> StatisticsAsync(EventFilter filter, TimeSpan utcOffset, CancellationToken cancellationToken)
    {
        if (utcOffset.Ticks % TimeSpan.TicksPerMinute != 0 || utcOffset.Duration() > TimeSpan.FromHours(14))
            throw new ArgumentOutOfRangeException(nameof(utcOffset), utcOffset, "a UTC offset is whole minutes within ±14 h");
        var parameters = new DynamicParameters();
        var where = FilterSql.Where(filter, parameters);
        var offset = (long)utcOffset.TotalMilliseconds;
        parameters.Add("Offset", offset);

        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await BeginSnapshotAsync(connection, cancellationToken);
        async Task<List<(TKey Key, long Count)>> Group<TKey>(string key, string from = "events e") =>
            (await connection.QueryAsync<(TKey, long)>(new CommandDefinition(
                $"SELECT {key}, COUNT(*) FROM {from} {where} GROUP BY 1", parameters, tx, cancellationToken: cancellationToken))).ToList();

        var byKind = await Group<string>("e.kind");
        var byCamera = await Group<string>("e.camera");
        var byHour = await Group<long>($"((e.occurred_at + @Offset) / {HourMs}) % 24");
        var byWeekday = await Group<long>($"((e.occurred_at + @Offset) / {DayMs} + 3) % 7"); // day 0 (1970-01-01) was a Thursday: 3 with Monday 0
        var byDay = await Group<long>($"(e.occurred_at + @Offset) / {DayMs}");
        var addresses = (await connection.QueryAsync<(string Name, string? Address)>(new CommandDefinition(
            "SELECT name, address FROM cameras", transaction: tx, cancellationToken: cancellationToken))).ToDictionary(c => c.Name, c => c.Address);
        var lastModified = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MAX(updated_at) FROM events", transaction: tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);

        var hours = new long[24];
        foreach (var (hour, count) in byHour) hours[hour] = count;
        var weekdays = new long[7];
        foreach (var (weekday, count) in byWeekday) weekdays[weekday] = count;
        return new EventStatistics(
            byKind.Sum(k => k.Count),
            byKind.Select(k => new KindCount(k.Key, k.Count)).OrderByDescending(k => k.Count).ThenBy(k => k.Kind, StringComparer.Ordinal).ToList(),
            byCamera.Select(c => new CameraCount(c.Key, addresses.GetValueOrDefault(c.Key), c.Count))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Camera, StringComparer.Ordinal).ToList(),
            hours,
            weekdays,
            Daily(byDay, filter, offset),
            lastModified is { } ms ? UnixTime.FromMs(ms) : null);
    }

    /// <summary>One entry per day with events; with both ends of the range given (and not too long), every day in it, zeros included.</summary>
    private static List<DayCount> Daily(List<(long Day, long Count)> byDay, EventFilter filter, long offset)
    {
        var counts = byDay.ToDictionary(d => d.Day, d => d.Count);
        var days = counts.Keys.ToList();
        if (filter is { From: { } from, To: { } to } && to > from)
        {
            var first = (UnixTime.Ms(from) + offset) / DayMs;
            var last = (UnixTime.Ms(to) - 1 + offset) / DayMs;
            if (last - first < MaxFilledDays) days = days.Concat(Enumerable.Range(0, (int)(last - first + 1)).Select(i => first + i)).Distinct().ToList();
        }
        return days.Order().Select(d => new DayCount(DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + (int)d),
            counts.GetValueOrDefault(d))).ToList();
    }
}

using Dapper;

namespace Veil.Sidecar.Store;

/// <summary>Keyset-paged listings, newest first.</summary>
public abstract partial class SqlEventStore
{
    public const int MaxPageSize = 500;

    public async Task<EventPage> ListAsync(EventFilter filter, PageCursor? after, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPageSize) throw new ArgumentOutOfRangeException(nameof(limit), limit, $"a page holds 1 to {MaxPageSize} events");
        var parameters = new DynamicParameters();
        var where = FilterSql.Where(filter, parameters);
        if (after is not null)
        {
            // Order is (occurred_at DESC, id ASC): the next page is older, or as old with a greater id.
            where += " AND (e.occurred_at < @c_time OR (e.occurred_at = @c_time AND e.id > @c_id))";
            parameters.Add("c_time", after.OccurredAtMs);
            parameters.Add("c_id", after.Id);
        }
        parameters.Add("Take", (long)limit + 1); // one more tells whether a next page exists

        await using var connection = await OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<EventRow>(new CommandDefinition(
            $"SELECT {EventRow.Columns} FROM events e {where} ORDER BY e.occurred_at DESC, e.id LIMIT @Take",
            parameters, cancellationToken: cancellationToken))).ToList();
        var events = rows.Take(limit).Select(r => r.ToRecord()).ToList();
        var next = rows.Count > limit ? new PageCursor(UnixTime.Ms(events[^1].OccurredAt), events[^1].Id) : null;
        return new EventPage(events, next);
    }
}

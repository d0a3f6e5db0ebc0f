using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace Veil.Sidecar.Store;

/// <summary>Review actions, edits and their audit rows, each in one transaction.</summary>
public abstract partial class SqlEventStore
{
    public Task<ChangeResult> ReviewAsync(string id, ReviewAction action, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, actor, action.ToName(), row =>
        {
            var from = EventStatusNames.Parse(row.Status);
            if (action.Target(from, out var refusal) is not { } to) return (null, refusal);
            return (new Dictionary<string, object?> { ["status"] = to.ToName() }, null);
        }, cancellationToken);

    public Task<ChangeResult> EditAsync(string id, EventEdit edit, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, actor, "edit", row =>
        {
            var changes = new Dictionary<string, object?>();
            if (edit.Kind is not null && edit.Kind != row.Kind) changes["kind"] = edit.Kind;
            var note = edit.Note is null ? row.Note : edit.Note.Length == 0 ? null : edit.Note;
            if (note != row.Note) changes["note"] = note;
            return changes.Count == 0 ? (null, "the edit changes nothing") : (changes, null);
        }, cancellationToken);

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(string eventId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, long At, string Actor, string? EventId, string Action, string? Before, string? After)>(
            new CommandDefinition("SELECT id, at, actor, event_id, action, before, after FROM audit_log WHERE event_id = @EventId ORDER BY id",
                new { EventId = eventId }, cancellationToken: cancellationToken));
        return rows.Select(r => new AuditEntry(r.Id, UnixTime.FromMs(r.At), r.Actor, r.EventId, r.Action, r.Before, r.After)).ToList();
    }

    /// <summary>
    /// Reads the row, asks <paramref name="decide"/> for the column changes (or a refusal), and writes
    /// them guarded by the updated_at it read, so a concurrent change is refused rather than overwritten.
    /// </summary>
    private async Task<ChangeResult> ChangeAsync(string id, string actor, string action,
        Func<EventRow, (Dictionary<string, object?>? Changes, string? Refusal)> decide, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        var row = await GetRowAsync(connection, tx, id, cancellationToken);
        if (row is null) return ChangeResult.NotFound;
        var (changes, refusal) = decide(row);
        if (changes is null) return ChangeResult.Refused(refusal ?? "refused");

        var parameters = new DynamicParameters();
        parameters.Add("Id", id);
        parameters.Add("Seen", row.UpdatedAt);
        parameters.Add("Now", Math.Max(UnixTime.NowMs(), row.UpdatedAt + 1)); // strictly later, so the guard tells changes apart
        var before = new Dictionary<string, object?>();
        foreach (var (column, value) in changes)
        {
            before[column] = Column(row, column);
            parameters.Add("v_" + column, value);
        }
        var set = string.Join(", ", changes.Keys.Select(column => $"{column} = @v_{column}"));
        var updated = await Exec(connection, tx, $"UPDATE events SET {set}, updated_at = @Now WHERE id = @Id AND updated_at = @Seen", parameters, cancellationToken);
        if (updated == 0) return ChangeResult.Refused("the event changed meanwhile: read it again");
        await AuditAsync(connection, tx, actor, id, action, before, changes, cancellationToken);
        var after = await GetRowAsync(connection, tx, id, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new ChangeResult(ChangeOutcome.Changed, after!.ToRecord(), null);
    }

    /// <summary>The columns an edit may change; anything else is a bug here, never user input.</summary>
    private static object? Column(EventRow row, string column) => column switch
    {
        "status" => row.Status,
        "kind" => row.Kind,
        "note" => row.Note,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "not an editable column"),
    };

    private static Task AuditAsync(DbConnection connection, DbTransaction tx, string actor, string? eventId, string action,
        object? before, object? after, CancellationToken cancellationToken) =>
        Exec(connection, tx, "INSERT INTO audit_log (at, actor, event_id, action, before, after) VALUES (@At, @Actor, @EventId, @Action, @Before, @After)",
            new
            {
                At = UnixTime.NowMs(),
                Actor = actor,
                EventId = eventId,
                Action = action,
                Before = before is null ? null : JsonSerializer.Serialize(before, AuditJson),
                After = after is null ? null : JsonSerializer.Serialize(after, AuditJson),
            }, cancellationToken);

    private static readonly JsonSerializerOptions AuditJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}

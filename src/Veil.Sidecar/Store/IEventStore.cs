using Veil.Sidecar.Auth;

namespace Veil.Sidecar.Store;

/// <summary>
/// The sidecar's events, cameras and audit log. Implementations: <see cref="SqliteEventStore"/> (one
/// file, the default) and <see cref="PostgresEventStore"/> (several sidecars sharing one database).
/// </summary>
public interface IEventStore : IUserStore, IAsyncDisposable
{
    /// <summary>"sqlite" or "postgres".</summary>
    string Engine { get; }

    /// <summary>Applies the schema migrations this database lacks, in order, in one transaction; safe when several sidecars start at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the event unless one with its id exists; then nothing changes, and the answer says
    /// whether the stored one is this event again or another (<see cref="DeliveredContent"/>).
    /// </summary>
    Task<InsertResult> InsertAsync(EventRecord record, CancellationToken cancellationToken);

    /// <summary>Stores many events in one transaction, skipping ids already stored, with an audit row for each stored one.</summary>
    Task<(int Created, int Duplicates)> ImportAsync(IReadOnlyList<EventRecord> records, string actor, CancellationToken cancellationToken);

    Task<EventRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Newest first (occurred_at descending, then id), at most <paramref name="limit"/>, after <paramref name="after"/>.</summary>
    Task<EventPage> ListAsync(EventFilter filter, PageCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>Counts computed in SQL from one consistent snapshot; hours and days are taken at <paramref name="utcOffset"/>.</summary>
    Task<EventStatistics> StatisticsAsync(EventFilter filter, TimeSpan utcOffset, CancellationToken cancellationToken);

    Task<ChangeResult> ReviewAsync(string id, ReviewAction action, string actor, CancellationToken cancellationToken);

    Task<ChangeResult> EditAsync(string id, EventEdit edit, string actor, CancellationToken cancellationToken);

    /// <summary>The audit rows of one event, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> AuditAsync(string eventId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Camera>> CamerasAsync(CancellationToken cancellationToken);

    /// <summary>Creates or replaces the camera, with an audit row.</summary>
    Task PutCameraAsync(Camera camera, string actor, CancellationToken cancellationToken);

    /// <summary>True when an approved event shows this media file (so the public may fetch it).</summary>
    Task<bool> IsPublicMediaAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>True when an event the filter selects shows this media file (an operator's own cameras).</summary>
    Task<bool> IsMediaShownAsync(string sha256, EventFilter filter, CancellationToken cancellationToken);
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using Veil.Sidecar.Store;

namespace Veil.Sidecar.Api;

/// <summary>
/// The export/import format: a zip holding <c>events.jsonl</c> (one <see cref="ArchiveLineJson"/> a
/// line) and <c>media/&lt;sha256&gt;</c> files, or the JSON lines alone.
/// </summary>
internal static class Archive
{
    public const string EventsEntry = "events.jsonl";
    public const string MediaFolder = "media/";
    public const string JsonLinesType = "application/x-ndjson";
    private const int PageSize = 500;

    public static string Line(EventRecord record) => JsonSerializer.Serialize(new ArchiveLineJson
    {
        Event = EventDocuments.ToDocument(record),
        Status = record.Status.ToName(),
        Note = record.Note,
        CreatedAt = ApiTime.Format(record.CreatedAt),
        UpdatedAt = ApiTime.Format(record.UpdatedAt),
    }, SidecarJson.Output);

    /// <summary>The record for one line, or null with the reasons added to <paramref name="errors"/>.</summary>
    public static EventRecord? Parse(string line, List<string> errors)
    {
        ArchiveLineJson json;
        try { json = SidecarJson.Parse<ArchiveLineJson>(line, "the line"); }
        catch (ApiException e) { errors.Add(e.Message); return null; }
        if (!EventStatusNames.TryParse(json.Status, out var status)) errors.Add($"status '{json.Status}' is not pending, approved, rejected or deleted");
        if (!ApiTime.TryParse(json.CreatedAt, out var created)) errors.Add("created_at must be an ISO 8601 time");
        if (!ApiTime.TryParse(json.UpdatedAt, out var updated)) errors.Add("updated_at must be an ISO 8601 time");
        var record = EventDocuments.ToRecord(json.Event, status, json.Note, created, updated, errors);
        return errors.Count == 0 ? record : null;
    }

    /// <summary>Every event the filter selects, page by page (keyset: stable while events arrive).</summary>
    public static async IAsyncEnumerable<EventRecord> AllAsync(IEventStore store, EventFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        PageCursor? cursor = null;
        do
        {
            var page = await store.ListAsync(filter, cursor, PageSize, cancellationToken);
            foreach (var record in page.Events) yield return record;
            cursor = page.Next;
        }
        while (cursor is not null);
    }

    /// <summary>A temp file that removes itself when closed, for archives too big to hold in memory.</summary>
    public static FileStream TempFile() => new(Path.Combine(Path.GetTempPath(), "veil-archive-" + Guid.NewGuid().ToString("N")),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}

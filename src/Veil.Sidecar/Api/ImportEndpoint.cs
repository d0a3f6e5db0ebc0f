using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Veil.Sidecar.Media;
using Veil.Sidecar.Store;

namespace Veil.Sidecar.Api;

/// <summary>
/// POST /api/events/import (admin; imports carry review statuses, so the ingest token may not):
/// an export's zip (application/zip) or JSON lines (application/x-ndjson). Media files are checked
/// against their names; every line is checked before any event is stored, then all are stored in
/// one transaction, ids already stored skipped: importing twice changes nothing.
/// </summary>
internal static class ImportEndpoint
{
    private const int MaxErrorsShown = 10;

    public static void Map(WebApplication app, ApiContext api) => app.MapPost("/api/events/import", (HttpRequest request) => ImportAsync(request.HttpContext, api));

    private static async Task<IResult> ImportAsync(HttpContext context, ApiContext api)
    {
        api.Auth.RequireAdmin(context.Request);
        var actor = ApiAuth.Actor(context.Request);
        RequestLimits.Apply(context, RequestLimits.MaxArchiveBytes);
        var type = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is not ("application/zip" or Archive.JsonLinesType or "application/jsonl"))
            throw ApiException.BadRequest($"an import is application/zip (an export) or {Archive.JsonLinesType} (JSON lines)");
        var cancellationToken = context.RequestAborted;

        await using var body = Archive.TempFile();
        await context.Request.Body.CopyToAsync(body, cancellationToken);
        body.Position = 0;
        var mediaCount = 0;
        List<EventRecord> records;
        if (type == "application/zip")
        {
            using var zip = OpenZip(body);
            var events = zip.GetEntry(Archive.EventsEntry) ?? throw ApiException.BadRequest($"the archive has no {Archive.EventsEntry}");
            foreach (var entry in zip.Entries.Where(e => e != events && !e.FullName.EndsWith('/')))
            {
                await ImportMediaAsync(api.Media, entry, cancellationToken);
                mediaCount++;
            }
            await using var lines = events.Open();
            records = await ReadLinesAsync(lines, api.Media, cancellationToken);
        }
        else
        {
            records = await ReadLinesAsync(body, api.Media, cancellationToken);
        }

        var (created, duplicates) = await api.Store.ImportAsync(records, actor, cancellationToken);
        api.Stats.Invalidate();
        SidecarLog.Imported(api.Log, actor, created, duplicates, mediaCount);
        return Results.Json(new { created, duplicates, media = mediaCount }, SidecarJson.Output);
    }

    private static ZipArchive OpenZip(Stream body)
    {
        try { return new ZipArchive(body, ZipArchiveMode.Read, leaveOpen: true); }
        catch (InvalidDataException e) { throw ApiException.BadRequest("the body is not a zip archive: " + e.Message); }
    }

    private static async Task ImportMediaAsync(MediaStore media, ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        var name = entry.FullName.StartsWith(Archive.MediaFolder, StringComparison.Ordinal) ? entry.FullName[Archive.MediaFolder.Length..] : null;
        if (!MediaStore.IsValidName(name)) throw ApiException.BadRequest($"unexpected archive entry '{entry.FullName}' (expected {Archive.EventsEntry} and media/<sha256>)");
        try
        {
            await using var content = entry.Open();
            await media.PutAsync(content, name, RequestLimits.MaxEventBytes, allowedTypes: null, cancellationToken);
        }
        catch (MediaRejectedException e)
        {
            throw ApiException.BadRequest($"archive entry {entry.FullName} is refused: {e.Message}");
        }
    }

    /// <summary>Every line's event, or a 400 listing the first problems (with line numbers) when any line is wrong.</summary>
    private static async Task<List<EventRecord>> ReadLinesAsync(Stream lines, MediaStore media, CancellationToken cancellationToken)
    {
        var records = new List<EventRecord>();
        var problems = new List<string>();
        using var reader = new StreamReader(lines);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (line.Length == 0) continue;
            var errors = new List<string>();
            var record = Archive.Parse(line, errors);
            if (record?.SnapshotSha256 is { } snapshot && media.Find(snapshot) is null) errors.Add($"snapshot {snapshot} is neither in the archive nor stored");
            if (record?.ClipSha256 is { } clip && media.Find(clip) is null) errors.Add($"clip {clip} is neither in the archive nor stored");
            if (errors.Count > 0) problems.Add($"line {number}: {string.Join("; ", errors)}");
            else records.Add(record!);
        }
        if (problems.Count > 0)
            throw ApiException.BadRequest($"no event imported, {problems.Count} line(s) refused: " + string.Join(" | ", problems.Take(MaxErrorsShown))
                + (problems.Count > MaxErrorsShown ? " | …" : ""));
        return records;
    }
}

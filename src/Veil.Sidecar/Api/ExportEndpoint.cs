using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Veil.Sidecar.Store;

namespace Veil.Sidecar.Api;

/// <summary>
/// GET /api/events/export (admin) with the listing's filters (all statuses unless status is given):
/// format=zip (default; events and their media) or format=jsonl (events only). POST
/// /api/events/import takes either back.
/// </summary>
internal static class ExportEndpoint
{
    public static void Map(WebApplication app, ApiContext api) => app.MapGet("/api/events/export", (HttpContext context) => ExportAsync(context, api));

    private static async Task ExportAsync(HttpContext context, ApiContext api)
    {
        api.Auth.RequireAdmin(context.Request);
        var filter = QueryParameters.Filter(context.Request, admin: true, Enum.GetValues<EventStatus>());
        var format = context.Request.Query["format"].ToString();
        if (format is not ("" or "zip" or "jsonl")) throw ApiException.BadRequest("format must be zip or jsonl");
        var cancellationToken = context.RequestAborted;
        context.Response.Headers.CacheControl = "private, no-store";

        if (format == "jsonl")
        {
            context.Response.ContentType = Archive.JsonLinesType;
            context.Response.Headers.ContentDisposition = "attachment; filename=\"veil-events.jsonl\"";
            await foreach (var record in Archive.AllAsync(api.Store, filter, cancellationToken))
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(Archive.Line(record) + "\n"), cancellationToken);
            return;
        }

        // A zip's directory comes last: build it in a temp file, then send it whole.
        await using var file = Archive.TempFile();
        var media = new SortedSet<string>(StringComparer.Ordinal);
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using (var writer = new StreamWriter(zip.CreateEntry(Archive.EventsEntry, CompressionLevel.Optimal).Open(), new UTF8Encoding(false)))
            {
                await foreach (var record in Archive.AllAsync(api.Store, filter, cancellationToken))
                {
                    await writer.WriteAsync(Archive.Line(record) + "\n");
                    if (record.SnapshotSha256 is { } snapshot) media.Add(snapshot);
                    if (record.ClipSha256 is { } clip) media.Add(clip);
                }
            }
            foreach (var sha256 in media)
            {
                // JPEG and MP4 are compressed already: stored as they are.
                if (api.Media.Find(sha256) is { } path) zip.CreateEntryFromFile(path, Archive.MediaFolder + sha256, CompressionLevel.NoCompression);
            }
        }
        file.Position = 0;
        context.Response.ContentType = "application/zip";
        context.Response.ContentLength = file.Length;
        context.Response.Headers.ContentDisposition = "attachment; filename=\"veil-events.zip\"";
        await file.CopyToAsync(context.Response.Body, cancellationToken);
    }
}

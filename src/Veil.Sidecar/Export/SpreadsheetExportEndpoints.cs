using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Veil.Sidecar.Api;
using Veil.Sidecar.Store;

namespace Veil.Sidecar.Export;

/// <summary>
/// GET /api/events/export.csv and /api/events/export.xlsx: every event the listing's filters select
/// (camera, kind, status, from, to, bbox, place), not one page, with the listing's visibility: the
/// public gets approved events only, the admin token any status. CSV is streamed as the store is
/// read; XLSX is built in a temp file first (a zip's directory comes last), then sent.
/// </summary>
internal static class SpreadsheetExportEndpoints
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>One workbook is built at a time: each may take hundreds of MB, and the endpoint is public.</summary>
    private static readonly SemaphoreSlim OneWorkbook = new(1, 1);

    public static void Map(WebApplication app, ApiContext api)
    {
        app.MapGet("/api/events/export.csv", (HttpContext context) => CsvAsync(context, api));
        app.MapGet("/api/events/export.xlsx", (HttpContext context) => XlsxAsync(context, api));
    }

    private static async Task CsvAsync(HttpContext context, ApiContext api)
    {
        var filter = Filter(context, api);
        var cancellationToken = context.RequestAborted;
        var mediaBase = MediaBase(context.Request);
        Start(context.Response, "text/csv; charset=utf-8; header=present", ExportFileName.For(filter, DateTimeOffset.UtcNow, "csv"));
        var text = new StringBuilder();
        CsvFormat.AppendHeader(text);
        var rows = 0;
        await foreach (var record in Archive.AllAsync(api.Store, filter, cancellationToken))
        {
            CsvFormat.AppendRow(text, ExportRow.From(record, mediaBase));
            // Sent a page at a time: the client sees rows while the store is still being read.
            if (++rows % 500 == 0) await SendAsync(context.Response, text, cancellationToken);
        }
        await SendAsync(context.Response, text, cancellationToken);
    }

    private static async Task XlsxAsync(HttpContext context, ApiContext api)
    {
        var filter = Filter(context, api);
        var cancellationToken = context.RequestAborted;
        var mediaBase = MediaBase(context.Request);
        await using var file = Archive.TempFile();
        await OneWorkbook.WaitAsync(cancellationToken);
        try
        {
            using var sheet = new XlsxSheet();
            await foreach (var record in Archive.AllAsync(api.Store, filter, cancellationToken)) sheet.Add(ExportRow.From(record, mediaBase));
            sheet.SaveAs(file);
        }
        finally
        {
            OneWorkbook.Release();
        }
        file.Position = 0;
        Start(context.Response, XlsxType, ExportFileName.For(filter, DateTimeOffset.UtcNow, "xlsx"));
        context.Response.ContentLength = file.Length;
        await file.CopyToAsync(context.Response.Body, cancellationToken);
    }

    /// <summary>The list's filter and visibility: anonymous callers approved events only, operators their own cameras.</summary>
    private static EventFilter Filter(HttpContext context, ApiContext api)
    {
        var caller = api.Auth.CallerOf(context.Request);
        return caller.Restrict(QueryParameters.Filter(context.Request, caller.SeesUnapproved, [EventStatus.Approved]));
    }

    private static void Start(HttpResponse response, string contentType, string fileName)
    {
        response.ContentType = contentType;
        response.Headers.ContentDisposition = ExportFileName.ContentDisposition(fileName);
        response.Headers.CacheControl = "private, no-store";
        response.Headers.Vary = "Authorization";
    }

    /// <summary>Where the snapshots are fetched, absolute so the link works from a spreadsheet.</summary>
    private static string MediaBase(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/api/media/";

    private static async Task SendAsync(HttpResponse response, StringBuilder text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Utf8.GetBytes(text.ToString()), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        text.Clear();
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Veil.Sidecar.Auth;
using Veil.Sidecar.Export;
using Veil.Sidecar.Media;
using Veil.Sidecar.Store;

namespace Veil.Sidecar.Api;

/// <summary>The sidecar's REST API: ingest, listings, statistics, media, cameras, review and archives, all under /api.</summary>
public static class SidecarApi
{
    /// <summary>How long computed statistics are reused when nothing was written through this sidecar.</summary>
    public static readonly TimeSpan StatsLifetime = TimeSpan.FromSeconds(5);

    public static void Map(WebApplication app, IEventStore store, MediaStore media, string ingestToken, string adminToken)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("veil.sidecar");
        var api = new ApiContext(store, media, new ApiAuth(ingestToken, adminToken, store), new StatsCache(StatsLifetime), log);
        ErrorResponses.Use(app, log);
        CallerMiddleware.Use(app, api.Auth);
        SessionEndpoints.Map(app, api);
        UserEndpoints.Map(app, api);
        IngestEndpoint.Map(app, api);
        ExportEndpoint.Map(app, api);
        SpreadsheetExportEndpoints.Map(app, api);
        ImportEndpoint.Map(app, api);
        EventQueryEndpoints.Map(app, api);
        ReviewEndpoints.Map(app, api);
        StatsEndpoint.Map(app, api);
        MediaEndpoint.Map(app, api);
        CameraEndpoints.Map(app, api);
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapFallback((HttpContext context) =>
            ErrorResponses.Error(StatusCodes.Status404NotFound, $"no endpoint {context.Request.Method} {context.Request.Path}"));
    }
}

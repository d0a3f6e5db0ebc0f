using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Veil.Sidecar.Api;
using Veil.Sidecar.Store;

namespace Veil.Sidecar.Web;

/// <summary>
/// GET /api/events.geojson?kind=&amp;camera=&amp;from=&amp;to=&amp;place=&amp;bbox=: the approved events
/// the filter selects as a GeoJSON FeatureCollection for the map, newest first, at most
/// <see cref="MaxFeatures"/> ("truncated": true when there were more). Public: the token is not
/// looked at and other statuses are never included. Events without a position have a null geometry.
/// </summary>
internal static class GeoJsonEndpoint
{
    public const int MaxFeatures = 10_000;

    public static void Map(WebApplication app, IEventStore store) =>
        app.MapGet("/api/events.geojson", (HttpRequest request) => GetAsync(request.HttpContext, store));

    private static async Task<IResult> GetAsync(HttpContext context, IEventStore store)
    {
        var filter = QueryParameters.Filter(context.Request, admin: false, [EventStatus.Approved]);
        var features = new List<object>();
        PageCursor? cursor = null;
        do
        {
            var page = await store.ListAsync(filter, cursor, Math.Min(SqlEventStore.MaxPageSize, MaxFeatures + 1 - features.Count), context.RequestAborted);
            features.AddRange(page.Events.Select(Feature));
            cursor = page.Next;
        }
        while (cursor is not null && features.Count <= MaxFeatures);
        var truncated = features.Count > MaxFeatures;
        if (truncated) features.RemoveAt(features.Count - 1);
        context.Response.Headers.CacheControl = "public, max-age=10";
        return Results.Json(new { type = "FeatureCollection", truncated, features }, SidecarJson.Output, "application/geo+json");
    }

    private static object Feature(EventRecord e) => new
    {
        type = "Feature",
        id = e.Id,
        geometry = e.Geo is { } g ? new { type = "Point", coordinates = new[] { g.Longitude, g.Latitude } } : null,
        properties = new
        {
            kind = e.Kind,
            camera = e.Camera,
            time = ApiTime.Format(e.OccurredAt),
            snapshot_url = e.SnapshotSha256 is null ? null : "/api/media/" + e.SnapshotSha256,
        },
    };
}

using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Veil.Sidecar.Store;

namespace Veil.Sidecar.Api;

/// <summary>
/// GET /api/stats?from=&amp;to=&amp;camera=&amp;kind=&amp;place=&amp;bbox=&amp;tz=: counts by kind, camera
/// (with its address), hour of day, weekday (Monday first) and day, over approved events (signed-in
/// users may pass status; an operator counts their own cameras). ETag is a hash of the body, so
/// If-None-Match answers 304 without a body.
/// </summary>
internal static class StatsEndpoint
{
    public static void Map(WebApplication app, ApiContext api) => app.MapGet("/api/stats", (HttpRequest request) => GetAsync(request.HttpContext, api));

    private static async Task<IResult> GetAsync(HttpContext context, ApiContext api)
    {
        var caller = api.Auth.CallerOf(context.Request);
        var filter = caller.Restrict(QueryParameters.Filter(context.Request, caller.SeesUnapproved, [EventStatus.Approved]));
        var offset = QueryParameters.UtcOffset(context.Request);
        var stats = await api.Stats.GetAsync($"{filter.Key()}|{offset.TotalMinutes}", async () =>
            Render(await api.Store.StatisticsAsync(filter, offset, context.RequestAborted), filter, offset));

        var headers = context.Response.Headers;
        headers.ETag = stats.ETag;
        // A response to a request with credentials must never be stored by a shared cache and shown to the public.
        headers.CacheControl = caller.IsPublic ? "public, max-age=30" : "private, max-age=30";
        headers.Vary = "Authorization, Cookie";
        if (stats.LastModified is { } modified) headers.LastModified = modified.ToString("R");
        if (Matches(context.Request, stats.ETag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(stats.Json, "application/json");
    }

    private static CachedStats Render(EventStatistics s, EventFilter filter, TimeSpan offset)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            total = s.Total,
            from = filter.From is { } from ? ApiTime.Format(from) : null,
            to = filter.To is { } to ? ApiTime.Format(to) : null,
            tz = (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm"),
            by_kind = s.ByKind,
            by_camera = s.ByCamera,
            by_hour = s.ByHour,
            by_weekday = s.ByWeekday,
            daily = s.Daily.Select(d => new { date = d.Date.ToString("yyyy-MM-dd"), count = d.Count }),
        }, SidecarJson.Output);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..32] + "\"";
        return new CachedStats(body, etag, s.LastModified);
    }

    private static bool Matches(HttpRequest request, string etag) =>
        EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
        && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
}

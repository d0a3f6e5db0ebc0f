using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Veil.Sidecar.Auth;
using Veil.Sidecar.Store;

namespace Veil.Sidecar.Api;

/// <summary>
/// GET /api/events (a page, newest first, next_cursor for the next), GET /api/events/{id}, and for
/// reviewers GET /api/events/{id}/audit. The public sees approved events only, an operator also their
/// own cameras' events: anything else is 404 to them.
/// </summary>
internal static class EventQueryEndpoints
{
    public static void Map(WebApplication app, ApiContext api)
    {
        app.MapGet("/api/events", (HttpRequest request) => ListAsync(request.HttpContext, api));
        app.MapGet("/api/events/{id}", (HttpContext context, string id) => GetAsync(context, api, id));
        app.MapGet("/api/events/{id}/audit", (HttpContext context, string id) => AuditAsync(context, api, id));
    }

    private static async Task<IResult> ListAsync(HttpContext context, ApiContext api)
    {
        var caller = api.Auth.CallerOf(context.Request);
        var filter = caller.Restrict(QueryParameters.Filter(context.Request, caller.SeesUnapproved, [EventStatus.Approved]));
        var page = await api.Store.ListAsync(filter, QueryParameters.Cursor(context.Request), QueryParameters.Limit(context.Request), context.RequestAborted);
        context.Response.Headers.CacheControl = caller.IsPublic ? "public, max-age=10" : "private, no-store";
        context.Response.Headers.Vary = "Authorization, Cookie";
        return Results.Json(new { events = page.Events.Select(e => EventView.From(e, caller.SeesUnapproved)), next_cursor = page.Next?.Encode() }, SidecarJson.Output);
    }

    private static async Task<IResult> GetAsync(HttpContext context, ApiContext api, string id)
    {
        var caller = api.Auth.CallerOf(context.Request);
        var record = await FindAsync(api, CheckedId(id), caller, context.RequestAborted);
        return Results.Json(EventView.From(record, caller.SeesUnapproved), SidecarJson.Output);
    }

    private static async Task<IResult> AuditAsync(HttpContext context, ApiContext api, string id)
    {
        var caller = api.Auth.Require(context.Request, Role.Reviewer);
        var record = await FindAsync(api, CheckedId(id), caller, context.RequestAborted);
        var entries = await api.Store.AuditAsync(record.Id, context.RequestAborted);
        return Results.Json(entries.Select(a => new { a.Id, at = ApiTime.Format(a.At), a.Actor, a.EventId, a.Action, a.Before, a.After }), SidecarJson.Output);
    }

    /// <summary>The event, or 404 when it does not exist or the caller may not see it (the public is not told which).</summary>
    public static async Task<EventRecord> FindAsync(ApiContext api, string id, Caller caller, CancellationToken cancellationToken)
    {
        var record = await api.Store.GetAsync(id, cancellationToken);
        return record is not null && caller.CanSee(record) ? record : throw ApiException.NotFound($"no event '{id}'");
    }

    /// <summary>An id from the path: anything that cannot be an id is refused before it reaches the store.</summary>
    public static string CheckedId(string id) =>
        EventIds.IsValid(id) ? id : throw ApiException.BadRequest($"not an event id: ids are 1-{EventIds.MaxLength} of A-Z a-z 0-9 . _ : -");
}

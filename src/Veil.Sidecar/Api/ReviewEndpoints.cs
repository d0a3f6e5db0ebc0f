using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Veil.Sidecar.Auth;
using Veil.Sidecar.Store;

namespace Veil.Sidecar.Api;

/// <summary>
/// Review (reviewers and admins): POST /api/events/{id}/approve|reject|restore|delete and PATCH
/// /api/events/{id} {kind?, note?}. Each change is one audit row, by X-Veil-Actor. A change not
/// allowed from the event's status, or racing another reviewer's, is 409 with the reason.
/// </summary>
internal static class ReviewEndpoints
{
    private const int MaxEditBytes = 16 * 1024;

    public static void Map(WebApplication app, ApiContext api)
    {
        app.MapPost("/api/events/{id}/{action}", (HttpContext context, string id, string action) => ReviewAsync(context, api, id, action));
        app.MapPatch("/api/events/{id}", (HttpContext context, string id) => EditAsync(context, api, id));
    }

    private static async Task<IResult> ReviewAsync(HttpContext context, ApiContext api, string id, string action)
    {
        api.Auth.Require(context.Request, Role.Reviewer);
        if (!ReviewActions.TryParse(action, out var review)) throw ApiException.NotFound($"no review action '{Clip(action)}' (approve, reject, restore, delete)");
        var actor = ApiAuth.Actor(context.Request);
        var result = await api.Store.ReviewAsync(EventQueryEndpoints.CheckedId(id), review, actor, context.RequestAborted);
        return Answer(api, result, id, actor, review.ToName());
    }

    private static async Task<IResult> EditAsync(HttpContext context, ApiContext api, string id)
    {
        api.Auth.Require(context.Request, Role.Reviewer);
        var actor = ApiAuth.Actor(context.Request);
        var edit = await SidecarJson.ReadBodyAsync<EditJson>(context.Request, "the edit", MaxEditBytes, context.RequestAborted);
        if (edit.Kind is null && edit.Note is null) throw ApiException.BadRequest("an edit sets kind, note or both");
        if (edit.Kind is not null && !FieldRules.IsKind(edit.Kind)) throw ApiException.BadRequest("kind must be 1-64 of A-Z a-z 0-9 _ . -");
        if (!FieldRules.IsText(edit.Note, FieldRules.MaxNoteLength))
            throw ApiException.BadRequest($"note must be at most {FieldRules.MaxNoteLength} characters without control characters");
        var result = await api.Store.EditAsync(EventQueryEndpoints.CheckedId(id), new EventEdit(edit.Kind, edit.Note), actor, context.RequestAborted);
        return Answer(api, result, id, actor, "edit");
    }

    private static IResult Answer(ApiContext api, ChangeResult result, string id, string actor, string action)
    {
        switch (result.Outcome)
        {
            case ChangeOutcome.NotFound:
                throw ApiException.NotFound($"no event '{id}'");
            case ChangeOutcome.Refused:
                throw new ApiException(StatusCodes.Status409Conflict, result.Reason!);
            default:
                api.Stats.Invalidate();
                SidecarLog.Changed(api.Log, actor, action, id);
                return Results.Json(EventView.From(result.Event!, admin: true), SidecarJson.Output);
        }
    }

    private static string Clip(string text) => text.Length <= 20 ? text : text[..20] + "…";
}

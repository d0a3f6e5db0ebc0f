using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Veil.Sidecar.Media;

namespace Veil.Sidecar.Api;

/// <summary>
/// GET /api/media/{sha256}: a snapshot or clip, typed by its content, with ranges (video seeking).
/// The public gets only files an approved event shows; pending media stays with reviewers
/// (and the operator of its camera).
/// </summary>
internal static class MediaEndpoint
{
    public static void Map(WebApplication app, ApiContext api) =>
        app.MapGet("/api/media/{sha256}", (HttpContext context, string sha256) => GetAsync(context, api, sha256));

    private static async Task<IResult> GetAsync(HttpContext context, ApiContext api, string sha256)
    {
        if (!MediaStore.IsValidName(sha256)) throw ApiException.BadRequest("media names are SHA-256 hashes: 64 lowercase hex characters");
        var caller = api.Auth.CallerOf(context.Request);
        if (!await caller.MaySeeMediaAsync(api.Store, sha256, context.RequestAborted)) throw ApiException.NotFound($"no media {sha256}");
        var media = await api.Media.DescribeAsync(sha256, context.RequestAborted) ?? throw ApiException.NotFound($"no media {sha256}");
        context.Response.Headers.CacheControl = caller.IsPublic ? "public, max-age=300" : "private, max-age=300";
        context.Response.Headers.Vary = "Authorization, Cookie";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(api.Media.Find(sha256)!, media.ContentType ?? "application/octet-stream",
            entityTag: new EntityTagHeaderValue($"\"{sha256}\""), enableRangeProcessing: true);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Veil.Sidecar.Store;

namespace Veil.Sidecar.Api;

/// <summary>
/// GET /api/cameras (public) and PUT /api/cameras (admin): a JSON array of cameras, each created or
/// replaced by name. Cameras missing from the array stay: events still name them.
/// </summary>
internal static class CameraEndpoints
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static void Map(WebApplication app, ApiContext api)
    {
        app.MapGet("/api/cameras", async (HttpRequest request) =>
            Results.Json(await api.Store.CamerasAsync(request.HttpContext.RequestAborted), SidecarJson.Output));
        app.MapPut("/api/cameras", (HttpRequest request) => PutAsync(request.HttpContext, api));
    }

    private static async Task<IResult> PutAsync(HttpContext context, ApiContext api)
    {
        api.Auth.RequireAdmin(context.Request);
        var actor = ApiAuth.Actor(context.Request);
        var cameras = await SidecarJson.ReadBodyAsync<List<CameraJson>>(context.Request, "the camera list", MaxBodyBytes, context.RequestAborted);
        var errors = cameras.SelectMany((c, i) => Problems(c).Select(p => $"camera {i}: {p}")).ToList();
        if (errors.Count > 0) throw ApiException.BadRequest(string.Join("; ", errors));
        foreach (var c in cameras)
            await api.Store.PutCameraAsync(new Camera(c.Name, c.Address, c.Model, c.Latitude, c.Longitude), actor, context.RequestAborted);
        api.Stats.Invalidate();
        return Results.Json(await api.Store.CamerasAsync(context.RequestAborted), SidecarJson.Output);
    }

    private static IEnumerable<string> Problems(CameraJson c)
    {
        if (!FieldRules.IsCamera(c.Name)) yield return $"name must be 1-{FieldRules.MaxCameraLength} printable characters without leading or trailing blanks";
        if (!FieldRules.IsText(c.Address, FieldRules.MaxAddressLength) || !FieldRules.IsText(c.Model, FieldRules.MaxAddressLength))
            yield return $"address and model must be at most {FieldRules.MaxAddressLength} characters without control characters";
        if (c.Latitude.HasValue != c.Longitude.HasValue) yield return "latitude and longitude come together";
        if (c is { Latitude: { } lat, Longitude: { } lon } && !new GeoPoint(lat, lon).IsValid) yield return "latitude must be -90 to 90 and longitude -180 to 180";
    }
}

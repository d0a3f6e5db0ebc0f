using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Veil.Sidecar.Api;

namespace Veil.Sidecar.Auth;

/// <summary>
/// Admin only: GET /api/users, POST /api/users {name, password, role, cameras?} (with the admin token
/// this makes the first admin user), PATCH /api/users/{name} {role?, cameras?, disabled?, password?},
/// DELETE /api/users/{name} (disables: the user stays in the audit log). Each change is an audit row.
/// </summary>
internal static class UserEndpoints
{
    private const int MaxBodyBytes = 128 * 1024;

    public static void Map(WebApplication app, ApiContext api)
    {
        app.MapGet("/api/users", (HttpRequest request) => ListAsync(request.HttpContext, api));
        app.MapPost("/api/users", (HttpRequest request) => CreateAsync(request.HttpContext, api));
        app.MapPatch("/api/users/{name}", (HttpContext context, string name) => ChangeAsync(context, api, name));
        app.MapDelete("/api/users/{name}", (HttpContext context, string name) => DisableAsync(context, api, name));
    }

    private static async Task<IResult> ListAsync(HttpContext context, ApiContext api)
    {
        api.Auth.RequireAdmin(context.Request);
        context.Response.Headers.CacheControl = "private, no-store";
        return Results.Json((await api.Store.UsersAsync(context.RequestAborted)).Select(UserView.From), SidecarJson.Output);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ApiContext api)
    {
        api.Auth.RequireAdmin(context.Request);
        var actor = ApiAuth.Actor(context.Request);
        var json = await SidecarJson.ReadBodyAsync<NewUserJson>(context.Request, "the user", MaxBodyBytes, context.RequestAborted);
        var problems = new List<string>();
        if (!UserRules.IsName(json.Name)) problems.Add("name must be " + UserRules.NameRule);
        if (UserRules.PasswordProblem(json.Password) is { } password) problems.Add(password);
        if (!RoleNames.TryParse(json.Role, out var role)) problems.Add("role must be operator, reviewer or admin");
        if (json.Cameras is not null && UserRules.CamerasProblem(json.Cameras) is { } cameras) problems.Add(cameras);
        if (problems.Count > 0) throw ApiException.BadRequest(string.Join("; ", problems));

        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var user = new User(json.Name, PasswordHash.Hash(json.Password), role, json.Cameras ?? [], false, now, now);
        if (!await api.Store.CreateUserAsync(user, actor, context.RequestAborted))
            throw new ApiException(StatusCodes.Status409Conflict, $"user '{json.Name}' exists (PATCH /api/users/{json.Name} changes it)");
        SidecarLog.UserChanged(api.Log, actor, "create", user.Name);
        return Results.Json(UserView.From(user), SidecarJson.Output, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ChangeAsync(HttpContext context, ApiContext api, string name)
    {
        api.Auth.RequireAdmin(context.Request);
        var actor = ApiAuth.Actor(context.Request);
        CheckName(name);
        var json = await SidecarJson.ReadBodyAsync<UserPatchJson>(context.Request, "the change", MaxBodyBytes, context.RequestAborted);
        if (json is { Role: null, Cameras: null, Disabled: null, Password: null }) throw ApiException.BadRequest("a change sets role, cameras, disabled or password");
        var problems = new List<string>();
        Role? role = null;
        if (json.Role is not null) role = RoleNames.TryParse(json.Role, out var parsed) ? parsed : null;
        if (json.Role is not null && role is null) problems.Add("role must be operator, reviewer or admin");
        if (json.Password is not null && UserRules.PasswordProblem(json.Password) is { } password) problems.Add(password);
        if (json.Cameras is not null && UserRules.CamerasProblem(json.Cameras) is { } cameras) problems.Add(cameras);
        if (problems.Count > 0) throw ApiException.BadRequest(string.Join("; ", problems));

        var change = new UserChange(role, json.Cameras, json.Disabled, json.Password is null ? null : PasswordHash.Hash(json.Password));
        return await ApplyAsync(context, api, name, change, actor, "update");
    }

    private static Task<IResult> DisableAsync(HttpContext context, ApiContext api, string name)
    {
        api.Auth.RequireAdmin(context.Request);
        CheckName(name);
        return ApplyAsync(context, api, name, new UserChange(null, null, true, null), ApiAuth.Actor(context.Request), "disable");
    }

    private static async Task<IResult> ApplyAsync(HttpContext context, ApiContext api, string name, UserChange change, string actor, string action)
    {
        var user = await api.Store.UpdateUserAsync(name, change, actor, context.RequestAborted) ?? throw ApiException.NotFound($"no user '{name}'");
        SidecarLog.UserChanged(api.Log, actor, action, name);
        return Results.Json(UserView.From(user), SidecarJson.Output);
    }

    private static void CheckName(string name)
    {
        if (!UserRules.IsName(name)) throw ApiException.BadRequest("not a user name: names are " + UserRules.NameRule);
    }
}

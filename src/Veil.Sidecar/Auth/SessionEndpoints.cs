using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Veil.Sidecar.Api;

namespace Veil.Sidecar.Auth;

/// <summary>
/// POST /api/login {name, password}: a session for <see cref="SessionTokens.Lifetime"/> after its last use,
/// as the veil_session cookie and as a token for 'Authorization: Bearer'. POST /api/logout ends it.
/// GET /api/me: who the request is signed in as.
/// </summary>
internal static class SessionEndpoints
{
    private const int MaxLoginBytes = 4096;

    public static void Map(WebApplication app, ApiContext api)
    {
        var throttle = new LoginThrottle();
        app.MapPost("/api/login", (HttpRequest request) => LoginAsync(request.HttpContext, api, throttle));
        app.MapPost("/api/logout", (HttpRequest request) => LogoutAsync(request.HttpContext, api));
        app.MapGet("/api/me", (HttpRequest request) => Me(request.HttpContext, api));
    }

    private static async Task<IResult> LoginAsync(HttpContext context, ApiContext api, LoginThrottle throttle)
    {
        var cancellationToken = context.RequestAborted;
        var login = await SidecarJson.ReadBodyAsync<LoginJson>(context.Request, "the login", MaxLoginBytes, cancellationToken);
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.RetryAfter(login.Name, address) is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            // Answered, not thrown: the error handler clears headers, and Retry-After is the point.
            return ErrorResponses.Error(StatusCodes.Status429TooManyRequests,
                $"too many failed sign-ins for this name or from this address: try again in {Math.Ceiling(wait.TotalSeconds)} s");
        }

        var user = UserRules.IsName(login.Name) ? await api.Store.FindUserAsync(login.Name, cancellationToken) : null;
        var valid = user is { Disabled: false } && login.Password.Length <= UserRules.MaxPasswordLength
            ? PasswordHash.Verify(login.Password, user.PasswordHash)
            : PasswordHash.VerifyNobody(login.Password);
        if (!valid)
        {
            throttle.Failed(login.Name, address);
            SidecarLog.SignInFailed(api.Log, login.Name.Length <= UserRules.MaxNameLength ? login.Name : login.Name[..UserRules.MaxNameLength], address);
            throw new ApiException(StatusCodes.Status401Unauthorized, "wrong name or password (or the user is disabled)");
        }

        var token = SessionTokens.New();
        var expiresAt = DateTimeOffset.UtcNow + SessionTokens.Lifetime;
        await api.Store.CreateSessionAsync(SessionTokens.Hash(token), user!.Name, expiresAt, cancellationToken);
        SessionCookie.Set(context, token);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new { user = UserView.From(user), token, expires_at = ApiTime.Format(expiresAt) }, SidecarJson.Output);
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, ApiContext api)
    {
        var caller = api.Auth.CallerOf(context.Request);
        if (caller.Session is not { } session) throw new ApiException(StatusCodes.Status401Unauthorized, "not signed in: there is no session to end");
        await api.Store.EndSessionAsync(session.TokenHash, context.RequestAborted);
        SessionCookie.Clear(context);
        return Results.NoContent();
    }

    private static IResult Me(HttpContext context, ApiContext api)
    {
        var caller = api.Auth.CallerOf(context.Request);
        context.Response.Headers.CacheControl = "private, no-store";
        return caller switch
        {
            { Session: { } session } => Results.Json(new { user = UserView.From(session.User), expires_at = ApiTime.Format(session.ExpiresAt) }, SidecarJson.Output),
            { Credential: Credential.AdminToken } => Results.Json(new { admin_token = true, role = Role.Admin.ToName() }, SidecarJson.Output),
            _ => throw new ApiException(StatusCodes.Status401Unauthorized, "not signed in (POST /api/login)"),
        };
    }
}

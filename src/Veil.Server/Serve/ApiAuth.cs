using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Veil.Ingest.Auth;

namespace Veil.Server.Serve;

/// <summary>
/// The control API's bearer token check, throttled per address with the same throttle as the
/// ingests' stream keys: an address that keeps guessing gets 429 with Retry-After, without its
/// token being compared.
/// </summary>
internal static class ApiAuth
{
    /// <summary>Guards /api with Veil:AdminToken; without one, with a token made for this run and logged.</summary>
    public static void UseControlApiAuth(this WebApplication app, ServeSettings settings)
    {
        string token = settings.AdminToken;
        if (token.Length == 0)
        {
            token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            ServeLog.GeneratedAdminToken(app.Services.Logger("veil"), token);
        }
        app.Use(Middleware(token, app.Services.GetRequiredService<FailureThrottle>(), app.Services.Logger("veil.auth"), settings.AuthFailuresPerMinute));
    }

    private static Func<HttpContext, RequestDelegate, Task> Middleware(string token, FailureThrottle throttle, ILogger log, int limit) => async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }
        var peer = context.Connection.RemoteIpAddress is { } a ? (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a) : IPAddress.None;
        if (throttle.IsThrottled(peer, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString("0");
            await ControlApiProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests,
                $"too many wrong tokens from {peer}: try again in {Math.Ceiling(retryAfter.TotalSeconds):0} s");
            return;
        }
        if (!Authorized(context.Request, token))
        {
            if (throttle.Failed(peer))
                ServeLog.ControlApiThrottled(log, peer, limit);
            await ControlApiProblems.WriteAsync(context, StatusCodes.Status401Unauthorized, "the control API needs 'Authorization: Bearer <admin token>'");
            return;
        }
        await next(context);
    };

    private static bool Authorized(HttpRequest request, string token)
    {
        string header = request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        return header.StartsWith(Bearer, StringComparison.Ordinal) && Secrets.Match(token, header[Bearer.Length..].Trim());
    }
}

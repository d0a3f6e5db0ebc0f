using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Veil.Sidecar.Api;

namespace Veil.Sidecar.Auth;

/// <summary>
/// Resolves the caller once per request, before any endpoint, and refuses cross-site request forgery:
/// a state-changing request authenticated by the cookie must carry <c>X-Veil-Request: 1</c>, a header
/// another site's form or image cannot add (and a script there could add only after a CORS preflight
/// this sidecar never grants).
/// </summary>
internal static class CallerMiddleware
{
    public const string CsrfHeader = "X-Veil-Request";

    public static void Use(WebApplication app, ApiAuth auth) => app.Use(async (context, next) =>
    {
        var caller = await auth.ResolveAsync(context);
        if (caller.Credential == Credential.CookieSession && !IsSafe(context.Request.Method) && context.Request.Headers[CsrfHeader] != "1")
            throw new ApiException(StatusCodes.Status403Forbidden, $"a request signed in by cookie that changes something must carry '{CsrfHeader}: 1'");
        context.Items[typeof(Caller)] = caller;
        await next(context);
    });

    /// <summary>The caller resolved for this request; the public's when the middleware did not run.</summary>
    public static Caller Of(HttpContext context) => context.Items[typeof(Caller)] as Caller ?? Caller.Anonymous;

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}

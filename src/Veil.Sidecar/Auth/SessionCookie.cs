using Microsoft.AspNetCore.Http;

namespace Veil.Sidecar.Auth;

/// <summary>
/// The browser's copy of a session token: HttpOnly (scripts cannot read it), SameSite=Strict (other
/// sites cannot send it), Secure when the request came over https (directly or through the reverse
/// proxy). A browser-session cookie: the server decides when the session ends.
/// </summary>
internal static class SessionCookie
{
    public const string Name = "veil_session";

    public static void Set(HttpContext context, string token) => context.Response.Cookies.Append(Name, token, Options(context));

    public static void Clear(HttpContext context) => context.Response.Cookies.Delete(Name, Options(context));

    private static CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps || string.Equals(context.Request.Headers["X-Forwarded-Proto"], "https", StringComparison.OrdinalIgnoreCase),
        Path = "/",
    };
}

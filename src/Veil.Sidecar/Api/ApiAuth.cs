using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Veil.Sidecar.Auth;

namespace Veil.Sidecar.Api;

/// <summary>
/// Who a request comes from, resolved once by <see cref="CallerMiddleware"/>: the ingest token (posts
/// events), the admin token (a machine admin), a session (Bearer or the veil_session cookie), or nobody
/// (the public view). Endpoints then ask for a role; 401 when nobody signed in, 403 when the role is too low.
/// </summary>
internal sealed class ApiAuth(string ingestToken, string adminToken, IUserStore users)
{
    private readonly byte[] _ingest = Encoding.UTF8.GetBytes(ingestToken);
    private readonly byte[] _admin = Encoding.UTF8.GetBytes(adminToken);

    public async Task<Caller> ResolveAsync(HttpContext context)
    {
        var request = context.Request;
        if (Bearer(request) is { } token)
        {
            var bytes = Encoding.UTF8.GetBytes(token);
            if (CryptographicOperations.FixedTimeEquals(bytes, _admin)) return Caller.Machine;
            if (CryptographicOperations.FixedTimeEquals(bytes, _ingest)) return Caller.Ingest;
            if (await SessionAsync(token, context.RequestAborted) is { } session) return Caller.For(session, Credential.BearerSession);
            throw new ApiException(StatusCodes.Status401Unauthorized,
                "the bearer token is not the admin token, the ingest token or a live session (sign in again, or leave Authorization out for the public view)");
        }
        if (request.Cookies[SessionCookie.Name] is { Length: > 0 } cookie)
        {
            if (await SessionAsync(cookie, context.RequestAborted) is { } session) return Caller.For(session, Credential.CookieSession);
            SessionCookie.Clear(context); // expired or ended: the browser forgets it, the request goes on as the public's
        }
        return Caller.Anonymous;
    }

    public Caller CallerOf(HttpRequest request) => CallerMiddleware.Of(request.HttpContext);

    public void RequireIngest(HttpRequest request)
    {
        if (CallerOf(request).Credential != Credential.IngestToken)
            throw new ApiException(StatusCodes.Status401Unauthorized, "posting events needs 'Authorization: Bearer <ingest token>'");
    }

    public void RequireAdmin(HttpRequest request) => Require(request, Role.Admin);

    /// <summary>The caller when they hold <paramref name="role"/> or more; 401 when nobody signed in, 403 when the role is too low.</summary>
    public Caller Require(HttpRequest request, Role role)
    {
        var caller = CallerOf(request);
        if (caller.Role is not { } has)
            throw new ApiException(StatusCodes.Status401Unauthorized,
                $"this needs a signed-in {role.ToName()} (POST /api/login, then the veil_session cookie or 'Authorization: Bearer <session token>') or 'Authorization: Bearer <admin token>'");
        if (has < role) throw new ApiException(StatusCodes.Status403Forbidden, $"this needs the {role.ToName()} role; {caller.Name} is {has.ToName()}");
        return caller;
    }

    /// <summary>Who made a change, for the audit log: the signed-in user, or with the admin token the X-Veil-Actor header ("admin" without it).</summary>
    public static string Actor(HttpRequest request)
    {
        if (CallerMiddleware.Of(request.HttpContext).Name is { } name) return name;
        var actor = request.Headers["X-Veil-Actor"].ToString().Trim();
        if (actor.Length == 0) return "admin";
        if (actor.Length > 100 || actor.Any(char.IsControl)) throw ApiException.BadRequest("X-Veil-Actor must be 1 to 100 printable characters");
        return actor;
    }

    private Task<Session?> SessionAsync(string token, CancellationToken cancellationToken) =>
        token.Length <= SessionTokens.MaxLength
            ? users.FindSessionAsync(SessionTokens.Hash(token), SessionTokens.Lifetime, cancellationToken)
            : Task.FromResult<Session?>(null);

    private static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0) return null;
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? header[Scheme.Length..].Trim()
            : throw new ApiException(StatusCodes.Status401Unauthorized, "Authorization must be 'Bearer <token>'");
    }
}

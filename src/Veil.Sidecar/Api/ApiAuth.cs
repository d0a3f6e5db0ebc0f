using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Veil.Sidecar.Api;

/// <summary>
/// Bearer tokens for now (roles and logins come later): the ingest token lets the stream server post
/// events; the admin token unlocks review, cameras, archives and non-approved events.
/// </summary>
internal sealed class ApiAuth(string ingestToken, string adminToken)
{
    private readonly byte[] _ingest = Encoding.UTF8.GetBytes(ingestToken);
    private readonly byte[] _admin = Encoding.UTF8.GetBytes(adminToken);

    public void RequireIngest(HttpRequest request)
    {
        if (Bearer(request) is not { } token || !CryptographicOperations.FixedTimeEquals(token, _ingest))
            throw new ApiException(401, "posting events needs 'Authorization: Bearer <ingest token>'");
    }

    public void RequireAdmin(HttpRequest request)
    {
        if (Bearer(request) is not { } token || !CryptographicOperations.FixedTimeEquals(token, _admin))
            throw new ApiException(401, "this needs 'Authorization: Bearer <admin token>'");
    }

    /// <summary>
    /// For public endpoints: false without a token (the public view), true with the admin token; any
    /// other token is refused rather than silently downgraded, so a misconfigured reviewer notices.
    /// </summary>
    public bool IsAdmin(HttpRequest request)
    {
        if (Bearer(request) is not { } token) return false;
        if (CryptographicOperations.FixedTimeEquals(token, _admin)) return true;
        throw new ApiException(401, "the bearer token is not the admin token (leave Authorization out for the public view)");
    }

    private static byte[]? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0) return null;
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim())
            : throw new ApiException(401, "Authorization must be 'Bearer <token>'");
    }

    /// <summary>Who made a change, for the audit log: the X-Veil-Actor header until logins exist.</summary>
    public static string Actor(HttpRequest request)
    {
        var actor = request.Headers["X-Veil-Actor"].ToString().Trim();
        if (actor.Length == 0) return "admin";
        if (actor.Length > 100 || actor.Any(char.IsControl)) throw ApiException.BadRequest("X-Veil-Actor must be 1 to 100 printable characters");
        return actor;
    }
}

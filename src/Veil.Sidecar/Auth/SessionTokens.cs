using System.Security.Cryptography;
using System.Text;

namespace Veil.Sidecar.Auth;

/// <summary>
/// Session tokens: 32 random bytes (base64url) handed to the client once; the store keeps only their
/// SHA-256, so a leaked database cannot be replayed as sessions.
/// </summary>
public static class SessionTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>The longest text that can be a token; anything longer is refused before hashing.</summary>
    public const int MaxLength = 64;

    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

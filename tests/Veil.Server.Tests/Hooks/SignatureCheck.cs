using System.Security.Cryptography;
using System.Text;

namespace Veil.Server.Tests.Hooks;

/// <summary>
/// A receiver's check of Veil-Signature, written from the README's scheme (not Veil's code):
/// t=UNIX_SECONDS,v1=HEX where HEX = HMAC-SHA256(secret, "UNIX_SECONDS." + body).
/// </summary>
internal static class SignatureCheck
{
    public static bool IsValid(string? header, byte[] body, string secret, TimeSpan tolerance)
    {
        if (header is null) return false;
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, out long seconds) || !parts.TryGetValue("v1", out var v1)) return false;
        if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds) return false; // a replay of an old request
        byte[] signed = [.. Encoding.ASCII.GetBytes($"{t}."), .. body];
        byte[] expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        byte[] given;
        try { given = Convert.FromHexString(v1); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}

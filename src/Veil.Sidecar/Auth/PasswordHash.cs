using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Veil.Sidecar.Auth;

/// <summary>
/// Passwords stored as <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (salt and hash in base64): PBKDF2 with
/// HMAC-SHA256, a random 16-byte salt and <see cref="Iterations"/> rounds (OWASP's 2023 figure), compared
/// in constant time. The iteration count travels with the hash, so it can rise without invalidating old ones.
/// </summary>
public static class PasswordHash
{
    public const int Iterations = 210_000;
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>A stored hash that costs a full check, for names that do not exist (a miss takes as long as a wrong password).</summary>
    private static readonly Lazy<string> Decoy = new(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(18))));

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>True when <paramref name="password"/> is the one <paramref name="stored"/> was made from; false for a malformed hash.</summary>
    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations is < 1000 or > 10_000_000
            || !TryBase64(parts[2], out var salt) || salt.Length < SaltBytes || !TryBase64(parts[3], out var expected) || expected.Length != HashBytes)
            return false;
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Spends the time of one <see cref="Verify"/> and fails: for a user that does not exist or is disabled.</summary>
    public static bool VerifyNobody(string password)
    {
        Verify(password, Decoy.Value);
        return false;
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, bytes, out var written)) return false;
        bytes = bytes[..written];
        return true;
    }
}

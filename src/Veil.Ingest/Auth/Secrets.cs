using System.Security.Cryptography;
using System.Text;

namespace Veil.Ingest.Auth;

/// <summary>Comparing keys and tokens in constant time, so a guess learns nothing from how long the answer took.</summary>
public static class Secrets
{
    public static bool Match(string secret, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(given));
}

using System.Security.Cryptography;
using System.Text;

namespace Veil.Server.Hooks;

/// <summary>
/// The Veil-Signature header, as Stripe signs webhooks: <c>t=UNIX_SECONDS,v1=HEX</c>, where HEX is
/// HMAC-SHA256 with the hook's secret over "UNIX_SECONDS." followed by the body's bytes. The time is
/// the attempt's, so a receiver can refuse an old request replayed (README: Hooks).
/// </summary>
internal static class HookSignature
{
    public const string Header = "Veil-Signature";

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        byte[] prefix = Encoding.ASCII.GetBytes($"{unixSeconds}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        string mac = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed)).ToLowerInvariant();
        return $"t={unixSeconds},v1={mac}";
    }
}

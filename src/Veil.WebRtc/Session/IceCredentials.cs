using System.Security.Cryptography;

namespace Veil.WebRtc.Session;

/// <summary>ICE ufrag and password made from ice-chars (RFC 8839 §5.4) with a CSPRNG: 8 and 24 characters, above the 4 and 22 minimum.</summary>
public sealed record IceCredentials(string Ufrag, string Password)
{
    private const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static IceCredentials Create() => new(RandomNumberGenerator.GetString(IceChars, 8), RandomNumberGenerator.GetString(IceChars, 24));
}

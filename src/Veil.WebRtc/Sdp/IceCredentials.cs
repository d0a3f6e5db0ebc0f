using System.Security.Cryptography;

namespace Veil.WebRtc.Sdp;

/// <summary>
/// ICE username fragments and passwords (RFC 8839 §5.4): ice-chars only (ALPHA / DIGIT / "+" / "/"),
/// at least 4 and 22 characters, at most 256. Drawn from a CSPRNG because the password keys
/// MESSAGE-INTEGRITY: a guessable one would let anyone answer our connectivity checks.
/// </summary>
public static class IceCredentials
{
    public const int MinUfragLength = 4, MinPasswordLength = 22, MaxLength = 256;
    private const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static string NewUfrag(int length = 8) => Random(length, MinUfragLength);

    /// <summary>24 characters give 144 random bits.</summary>
    public static string NewPassword(int length = 24) => Random(length, MinPasswordLength);

    public static bool IsIceChars(string text) => text.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/');

    public static bool IsValidUfrag(string text) => text.Length is >= MinUfragLength and <= MaxLength && IsIceChars(text);

    public static bool IsValidPassword(string text) => text.Length is >= MinPasswordLength and <= MaxLength && IsIceChars(text);

    private static string Random(int length, int minimum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, minimum);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxLength);
        return new string(RandomNumberGenerator.GetItems<char>(IceChars, length));
    }
}

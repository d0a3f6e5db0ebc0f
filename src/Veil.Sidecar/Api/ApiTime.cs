using System.Globalization;

namespace Veil.Sidecar.Api;

/// <summary>ISO 8601 times in and out: "2025-06-01T08:30:00.250Z", an offset, or none (UTC); a bare date means its UTC midnight.</summary>
internal static class ApiTime
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"];

    /// <summary>Events are accepted from this year on (and before <see cref="LastYear"/>): older times are a clock or unit bug.</summary>
    public const int FirstYear = 2000;

    public const int LastYear = 2100;

    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        if (text is null || !DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)) return false;
        if (parsed.Year is < FirstYear or >= LastYear) return false;
        time = DateTimeOffset.FromUnixTimeMilliseconds(parsed.ToUnixTimeMilliseconds()); // the store keeps milliseconds
        return true;
    }

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Veil.Violations.Events;

/// <summary>
/// The id of an event, derived from what the episode is rather than when it was noticed, so that
/// a replayed stream or a re-sent outbox entry yields the same id and the sidecar stores it once.
/// </summary>
public static class EventId
{
    /// <summary>128 bits of SHA-256: collisions are out of reach for any number of events a deployment sees.</summary>
    public const int HexLength = 32;

    public static string Compute(string camera, string kind, IEnumerable<long> trackIds, DateTimeOffset episodeStart)
    {
        ArgumentException.ThrowIfNullOrEmpty(camera);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(trackIds);
        string ids = string.Join(",", trackIds.Order().Select(id => id.ToString(CultureInfo.InvariantCulture)));
        // Rounded to the millisecond: finer digits do not survive a trip through JSON or a database.
        long milliseconds = (episodeStart.UtcTicks + TimeSpan.TicksPerMillisecond / 2) / TimeSpan.TicksPerMillisecond;
        // Lengths before the free-text fields keep "a|b" + "c" apart from "a" + "b|c".
        string canonical = string.Create(CultureInfo.InvariantCulture,
            $"veil-event-v1|{camera.Length}:{camera}|{kind.Length}:{kind}|{ids}|{milliseconds}");
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        return Convert.ToHexStringLower(hash)[..HexLength];
    }
}

using System.Globalization;
using Veil.Sidecar.Contract;
using Veil.Violations.Events;

namespace Veil.Server.Violations;

/// <summary>A violation event as the contract's <see cref="EventDocument"/>, the payload the outbox keeps and the sidecar takes.</summary>
internal static class ViolationEventDocuments
{
    public static EventDocument From(ViolationEvent e, string snapshotSha256, string? clipSha256) => new()
    {
        Id = e.Id,
        Camera = e.Camera,
        Kind = e.Kind,
        Time = EventDocument.FormatTime(e.Time),
        DurationMs = (long)e.Duration.TotalMilliseconds,
        TrackIds = e.TrackIds,
        Pixel = new EventPixel(AsWritten(e.Pixel.X), AsWritten(e.Pixel.Y)),
        Geo = e.Geo is { } g ? new EventGeo(g.Latitude, g.Longitude) : null,
        Confidence = AsWritten(Math.Clamp(e.Confidence, 0, 1)),
        Details = new EventDetails
        {
            SpeedKmh = e.Details.SpeedKmh,
            Heading = e.Details.HeadingDegrees,
            Zone = e.Details.Zone,
            Riders = e.Details.Riders,
        }.ToJsonElement(),
        SnapshotSha256 = snapshotSha256,
        ClipSha256 = clipSha256,
    };

    /// <summary>
    /// The double a float's shortest decimal names (0.87f is 0.87, not 0.8700000047683716), as the
    /// payload has always carried it: a replayed event must compare equal to the one already stored.
    /// </summary>
    private static double AsWritten(float value) => double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

using Veil.Core.Detections;

namespace Veil.Vision.Tracking;

/// <summary>
/// One track as it stood after a frame was tracked: its redaction box then, its velocity (pixels
/// per second) and when its object was last detected. Enough to say where to look on a later
/// frame without the tracker, so what is planned does not depend on how far tracking has got.
/// </summary>
public readonly record struct TrackSnapshot(BoxF Box, float VelocityX, float VelocityY, TimeSpan LastSeen)
{
    /// <summary>Where the track is expected at <paramref name="time"/> (<paramref name="since"/> after the snapshot): moved by its velocity, grown by half the way it moved.</summary>
    public PredictedBox At(TimeSpan time, TimeSpan since)
    {
        float dt = (float)since.TotalSeconds, dx = VelocityX * dt, dy = VelocityY * dt;
        float gx = 0.5f * MathF.Abs(dx), gy = 0.5f * MathF.Abs(dy);
        return new PredictedBox(Box.Offset(dx, dy).Grow(gx, gy, gx, gy), time - LastSeen);
    }
}

using System.Drawing;
using Veil.Violations.Tests.Support;
using Veil.Violations.Tracks;

namespace Veil.Violations.Tests.Tracks;

public sealed class MotionEstimatorTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private static TrackHistory Drive(double kmh, double headingDegrees, double seconds, double jitterPixels = 0)
    {
        double speed = TopDownCamera.PixelsPerSecond(kmh), rad = headingDegrees * Math.PI / 180;
        var random = new Random(5);
        var book = new TrackBook();
        for (int i = 0; i * 0.1 <= seconds + 1e-9; i++)
        {
            double t = i * 0.1;
            // Image x is east and y is south.
            double x = 1000 + speed * t * Math.Sin(rad) + jitterPixels * (random.NextDouble() * 2 - 1);
            double y = 1000 - speed * t * Math.Cos(rad) + jitterPixels * (random.NextDouble() * 2 - 1);
            book.Observe(Scene.At(t), [new TrackObservation(1, TrackClass.Bicycle, Boxes.Vehicle(x, y), Scene.At(t), 0.9f)]);
        }
        Assert.True(book.TryGet(1, out var history));
        return history;
    }

    [Theory]
    [InlineData(20, 90)]
    [InlineData(12, 225)]
    [InlineData(35, 0)]
    public void ConstantMotionGivesItsSpeedAndCompassHeading(double kmh, double heading)
    {
        var track = Drive(kmh, heading, 3);

        Assert.True(MotionEstimator.TryEstimate(track, TopDownCamera.Ground, Window, out var motion));

        Assert.Equal(kmh, motion.KilometresPerHour, 0.01);
        Assert.Equal(heading, motion.HeadingDegrees, 0.05);
    }

    [Fact]
    public void BoxJitterIsAveragedOut()
    {
        var track = Drive(20, 90, 3, jitterPixels: 2); // ±10 cm a frame, ±3.6 km/h frame to frame

        Assert.True(MotionEstimator.TryEstimate(track, TopDownCamera.Ground, Window, out var motion));

        Assert.InRange(motion.KilometresPerHour, 19, 21);
        Assert.InRange(motion.HeadingDegrees, 85, 95);
    }

    [Fact]
    public void TooShortAHistoryGivesNoMotion()
    {
        var track = Drive(20, 90, 0.4);

        Assert.False(MotionEstimator.TryEstimate(track, TopDownCamera.Ground, Window, out _));
    }

    [Fact]
    public void HalfTheWindowIsEnough()
    {
        Assert.True(MotionEstimator.TryEstimate(Drive(20, 90, 0.5), TopDownCamera.Ground, Window, out _));
    }
}

using Veil.Violations.Events;
using Veil.Violations.Rules;
using Veil.Violations.Tests.Support;
using Veil.Violations.Tracks;

namespace Veil.Violations.Tests.Rules;

public sealed class SpeedingRuleTests
{
    private static Scene Bicycle(double kmh, double seconds)
    {
        double speed = TopDownCamera.PixelsPerSecond(kmh);
        return new Scene()
            .Add(1, TrackClass.Bicycle, t => t <= seconds ? Boxes.Vehicle(200 + speed * t, 1000) : null)
            .Add(2, TrackClass.Person, t => t <= seconds ? Boxes.RiderOn(200 + speed * t, 1000) : null);
    }

    [Fact]
    public void ThirtyInATwentyFiveIsOneEvent()
    {
        var events = Bicycle(30, 3).Run(Engines.For(new SpeedingRule()), 4);

        var e = Assert.Single(events);
        Assert.Equal(ViolationKinds.Speeding, e.Kind);
        Assert.Equal([1L, 2L], e.TrackIds);
        Assert.Equal(Scene.At(0.5), e.Time);
        Assert.Equal(TimeSpan.FromSeconds(1), e.Duration);
        Assert.Equal(30, e.Details.SpeedKmh!.Value, 0.1);
        Assert.Equal(90, e.Details.HeadingDegrees!.Value, 0.5);
    }

    [Fact]
    public void TwentyIsLegal()
    {
        Assert.Empty(Bicycle(20, 10).Run(Engines.For(new SpeedingRule()), 10));
    }

    [Fact]
    public void SpeedingShorterThanTheMinimumDurationRaisesNothing()
    {
        // Seen for 1.2 s: a speed exists from 0.5 s, so the condition holds 0.7 s.
        Assert.Empty(Bicycle(30, 1.2).Run(Engines.For(new SpeedingRule()), 3));
    }

    [Fact]
    public void TheLimitIsAParameter()
    {
        var events = Bicycle(20, 3).Run(Engines.For(new SpeedingRule(new SpeedingParameters { LimitKmh = 15 })), 3);

        Assert.Equal(20, Assert.Single(events).Details.SpeedKmh!.Value, 0.1);
    }
}

using Veil.Violations.Events;
using Veil.Violations.Rules;
using Veil.Violations.Tests.Support;
using Veil.Violations.Tracks;

namespace Veil.Violations.Tests.Rules;

public sealed class TandemRidingRuleTests
{
    private static readonly double Speed = TopDownCamera.PixelsPerSecond(15);

    private static double X(double t) => 200 + Speed * t;

    /// <summary>Scooter 1 rides east along y = 1000 for <paramref name="seconds"/>; person 2 rides it all the time.</summary>
    private static Scene Scooter(double seconds) => new Scene()
        .Add(1, TrackClass.EScooter, t => t <= seconds ? Boxes.Vehicle(X(t), 1000) : null, 0.8f)
        .Add(2, TrackClass.Person, t => t <= seconds ? Boxes.RiderOn(X(t), 1000, -8) : null, 0.9f);

    [Fact]
    public void TwoPeopleOnOneScooterForTwoSecondsAreOneEvent()
    {
        var scene = Scooter(2).Add(3, TrackClass.Person, t => t <= 2 ? Boxes.RiderOn(X(t), 1000, 8) : null, 1.0f);

        var events = scene.Run(Engines.For(new TandemRidingRule()), 4);

        var e = Assert.Single(events);
        Assert.Equal(ViolationKinds.TandemRiding, e.Kind);
        Assert.Equal(Engines.Camera, e.Camera);
        Assert.Equal([1L, 2L, 3L], e.TrackIds);
        Assert.Equal(Scene.Start, e.Time);
        Assert.Equal(TimeSpan.FromSeconds(1), e.Duration);
        Assert.Equal(2, e.Details.Riders);
        Assert.Equal(0.9f, e.Confidence, 1e-5f); // mean of 0.8, 0.9, 1.0
        Assert.Equal(EventId.Compute(Engines.Camera, ViolationKinds.TandemRiding, [1, 2, 3], Scene.Start), e.Id);
        // Raised at 1.0 s, where the scooter's wheels were: on the calibrated map.
        Assert.Equal(new System.Drawing.PointF((float)X(1), 1000), e.Pixel);
        Assert.True(SphericalEarth.Distance(e.Geo!.Value, TopDownCamera.Geo(e.Pixel)) < 0.02);
    }

    [Fact]
    public void OnePersonRidingIsLegal()
    {
        Assert.Empty(Scooter(10).Run(Engines.For(new TandemRidingRule()), 10));
    }

    [Fact]
    public void APassengerForLessThanTheMinimumDurationRaisesNothing()
    {
        // Person 3 is on the deck from 1.0 to 1.8 s, then walks off sideways.
        var scene = Scooter(6).Add(3, TrackClass.Person, t => t < 1 ? null
            : t <= 1.8 ? Boxes.RiderOn(X(t), 1000, 8)
            : Boxes.Person(X(t) + 200, 1000));

        Assert.Empty(scene.Run(Engines.For(new TandemRidingRule()), 6));
    }

    [Fact]
    public void AShortLapseBeforeTheEventDoesNotRestartTheEpisode()
    {
        // Person 3 goes undetected from 0.5 to 0.7 s (0.3 s, under the 0.5 s MaximumGap).
        var scene = Scooter(3).Add(3, TrackClass.Person, t => t is >= 0.45 and <= 0.75 ? null : Boxes.RiderOn(X(t), 1000, 8));

        var e = Assert.Single(scene.Run(Engines.For(new TandemRidingRule()), 3));

        Assert.Equal(Scene.Start, e.Time);
        Assert.Equal(TimeSpan.FromSeconds(1), e.Duration);
    }

    [Fact]
    public void ALongLapseBeforeTheEventRestartsTheEpisode()
    {
        // Missing from 0.5 to 1.2 s (0.8 s): the episode starts again at 1.3 s.
        var scene = Scooter(4).Add(3, TrackClass.Person, t => t is >= 0.45 and <= 1.25 ? null : Boxes.RiderOn(X(t), 1000, 8));

        var e = Assert.Single(scene.Run(Engines.For(new TandemRidingRule()), 4));

        Assert.Equal(Scene.At(1.3), e.Time);
    }

    [Fact]
    public void AFlickerAfterTheEventIsTheSameEpisode()
    {
        // Off the deck from 1.5 to 2.5 s, under the 3 s RearmAfter: no second event.
        var scene = Scooter(5).Add(3, TrackClass.Person, t => t is >= 1.45 and <= 2.55 ? Boxes.Person(X(t) + 200, 1000) : Boxes.RiderOn(X(t), 1000, 8));

        Assert.Single(scene.Run(Engines.For(new TandemRidingRule()), 5));
    }

    [Fact]
    public void TandemAgainAfterTheRearmTimeIsASecondEpisode()
    {
        // Person 3 rides 0–1.5 s, walks beside the scooter 1.6–5.5 s (3.9 s), rides again from 5.6 s.
        var scene = Scooter(8).Add(3, TrackClass.Person, t => t is > 1.55 and < 5.55 ? Boxes.Person(X(t) + 200, 1000) : Boxes.RiderOn(X(t), 1000, 8));

        var events = scene.Run(Engines.For(new TandemRidingRule()), 8);

        Assert.Equal([Scene.Start, Scene.At(5.6)], events.Select(e => e.Time));
        Assert.All(events, e => Assert.Equal([1L, 2L, 3L], e.TrackIds));
        Assert.NotEqual(events[0].Id, events[1].Id);
    }

    [Fact]
    public void APersonWalkingBesideTheScooterIsNotRiding()
    {
        var scene = Scooter(5).Add(3, TrackClass.Person, t => Boxes.Person(X(t) + 40, 1000));

        Assert.Empty(scene.Run(Engines.For(new TandemRidingRule()), 5));
    }
}

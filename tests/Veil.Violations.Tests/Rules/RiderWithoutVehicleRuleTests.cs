using Veil.Violations.Events;
using Veil.Violations.Rules;
using Veil.Violations.Tests.Support;
using Veil.Violations.Tracks;

namespace Veil.Violations.Tests.Rules;

public sealed class RiderWithoutVehicleRuleTests
{
    private static Func<double, System.Drawing.RectangleF?> Moving(double kmh, double seconds, Func<double, double, System.Drawing.RectangleF> box) =>
        t => t <= seconds ? box(200 + TopDownCamera.PixelsPerSecond(kmh) * t, 1000) : null;

    [Fact]
    public void APersonGlidingAtEighteenWithNothingUnderThemIsOneEvent()
    {
        var scene = new Scene().Add(9, TrackClass.Person, Moving(18, 4, Boxes.Person), 0.7f);

        var events = scene.Run(Engines.For(new RiderWithoutVehicleRule()), 5);

        var e = Assert.Single(events);
        Assert.Equal(ViolationKinds.RiderWithoutVehicle, e.Kind);
        Assert.Equal([9L], e.TrackIds);
        Assert.Equal(Scene.At(0.5), e.Time);
        Assert.Equal(TimeSpan.FromSeconds(2), e.Duration);
        Assert.Equal(18, e.Details.SpeedKmh!.Value, 0.1);
        Assert.Equal(0.7f, e.Confidence, 1e-5f);
    }

    [Fact]
    public void AWalkingPersonIsLegal()
    {
        var scene = new Scene().Add(9, TrackClass.Person, Moving(5, 10, Boxes.Person));

        Assert.Empty(scene.Run(Engines.For(new RiderWithoutVehicleRule()), 10));
    }

    [Fact]
    public void APersonRidingADetectedBicycleIsNotThisViolation()
    {
        var scene = new Scene()
            .Add(1, TrackClass.Bicycle, Moving(18, 5, Boxes.Vehicle))
            .Add(2, TrackClass.Person, Moving(18, 5, (x, y) => Boxes.RiderOn(x, y)));
        var engine = new RuleEngine(new RuleEnvironment(Engines.Camera, TopDownCamera.Ground, []),
            [new RiderWithoutVehicleRule(), new SpeedingRule()]);

        Assert.Empty(scene.Run(engine, 5)); // 18 km/h is within the 25 km/h limit too
    }

    [Fact]
    public void APersonInACarIsNotARider()
    {
        var scene = new Scene()
            .Add(1, TrackClass.Car, Moving(40, 3, Boxes.Car))
            .Add(2, TrackClass.Person, Moving(40, 3, (x, y) => Boxes.Person(x, y - 10)));

        Assert.Empty(scene.Run(Engines.For(new RiderWithoutVehicleRule()), 3));
    }

    [Fact]
    public void ASprintShorterThanTheMinimumDurationRaisesNothing()
    {
        // Fast from 0.5 s (first speed) to 2.2 s: 1.7 s, under the rule's 2 s.
        var scene = new Scene().Add(9, TrackClass.Person, Moving(18, 2.2, Boxes.Person));

        Assert.Empty(scene.Run(Engines.For(new RiderWithoutVehicleRule()), 4));
    }
}

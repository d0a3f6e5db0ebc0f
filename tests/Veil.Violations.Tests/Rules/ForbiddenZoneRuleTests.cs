using System.Drawing;
using Veil.Violations.Events;
using Veil.Violations.Rules;
using Veil.Violations.Tests.Support;
using Veil.Violations.Tracks;
using Veil.Violations.Zones;

namespace Veil.Violations.Tests.Rules;

public sealed class ForbiddenZoneRuleTests
{
    private static readonly double Speed = TopDownCamera.PixelsPerSecond(10); // 55.6 px/s

    private static readonly Zone Plaza = Zone.Forbidden("plaza", [new(800, 800), new(1200, 800), new(1200, 1200), new(800, 1200)]);

    private static double X(double t) => 610 + Speed * t; // crosses x = 800 at 3.42 s and x = 1200 at 10.62 s

    [Fact]
    public void ABicycleRiddenThroughAForbiddenZoneIsOneEventFromWhereItEntered()
    {
        var scene = new Scene()
            .Add(5, TrackClass.Bicycle, t => Boxes.Vehicle(X(t), 1000))
            .Add(6, TrackClass.Person, t => Boxes.RiderOn(X(t), 1000));

        var events = scene.Run(Engines.For(new ForbiddenZoneRule(), Plaza), 14);

        var e = Assert.Single(events);
        Assert.Equal(ViolationKinds.ForbiddenZone, e.Kind);
        Assert.Equal([5L, 6L], e.TrackIds);
        Assert.Equal(Scene.At(3.5), e.Time); // the first frame with the wheels inside
        Assert.Equal(TimeSpan.FromSeconds(1), e.Duration);
        Assert.Equal("plaza", e.Details.Zone);
        Assert.Equal(1, e.Details.Riders);
    }

    [Fact]
    public void A_rider_the_detector_saw_with_its_bicycle_counts_when_the_bicycle_itself_is_not_tracked()
    {
        // Small and far away, the bicycle is only ever found fused with its rider (Veil's rider class).
        var scene = new Scene().Add(8, TrackClass.Rider, t => Boxes.RiderOn(X(t), 1000));

        var e = Assert.Single(scene.Run(Engines.For(new ForbiddenZoneRule(), Plaza), 14));
        Assert.Equal([8L], e.TrackIds);
        Assert.Equal(1, e.Details.Riders);
    }

    [Fact]
    public void A_fused_rider_over_a_tracked_bicycle_is_one_of_its_people_not_a_second_vehicle()
    {
        var scene = new Scene()
            .Add(5, TrackClass.Bicycle, t => Boxes.Vehicle(X(t), 1000))
            .Add(8, TrackClass.Rider, t => Boxes.RiderOn(X(t), 1000));

        var e = Assert.Single(scene.Run(Engines.For(new ForbiddenZoneRule(), Plaza), 14));
        Assert.Equal([5L, 8L], e.TrackIds);
        Assert.Equal(1, e.Details.Riders);
    }

    [Fact]
    public void CuttingACornerForHalfASecondRaisesNothing()
    {
        // Heading south-east across the zone's bottom-left corner: inside while 800 < x and y < 1200, 0.51 s.
        double v = Speed / Math.Sqrt(2);
        var scene = new Scene().Add(5, TrackClass.Bicycle, t => Boxes.Vehicle(780 + v * t, 1160 + v * t));

        Assert.Empty(scene.Run(Engines.For(new ForbiddenZoneRule(), Plaza), 3));
        // The same path with a 0.3 s minimum: it does cross the zone, at 0.6 s.
        var quick = new ForbiddenZoneRule(new ForbiddenZoneParameters { MinimumDuration = TimeSpan.FromSeconds(0.3) });
        Assert.Equal(Scene.At(0.6), Assert.Single(scene.Run(Engines.For(quick, Plaza), 3)).Time);
    }

    [Fact]
    public void APedestrianInTheZoneIsNoViolation()
    {
        var scene = new Scene().Add(7, TrackClass.Person, t => Boxes.Person(1000, 1000));

        Assert.Empty(scene.Run(Engines.For(new ForbiddenZoneRule(), Plaza), 5));
    }

    [Fact]
    public void WithoutAForbiddenZoneTheRuleSaysWhyItDoesNotRun()
    {
        var lane = Zone.Directional("lane", [new PointF(0, 0), new(10, 0), new(10, 10)], 90, 45);

        var engine = new RuleEngine(new RuleEnvironment(Engines.Camera, null, [lane]), [new ForbiddenZoneRule()]);

        Assert.Equal("forbidden-zone: unavailable: no forbidden zone is drawn for this camera", Assert.Single(engine.Statuses).ToString());
    }
}

using Veil.Violations.Events;
using Veil.Violations.Rules;
using Veil.Violations.Tests.Support;
using Veil.Violations.Tracks;
using Veil.Violations.Zones;

namespace Veil.Violations.Tests.Rules;

public sealed class WrongWayRuleTests
{
    /// <summary>A one-way cycle lane eastbound along image y = 900–1100 (the image's x axis is east).</summary>
    private static readonly Zone Lane = Zone.Directional("cycle-lane", [new(0, 900), new(2000, 900), new(2000, 1100), new(0, 1100)], 90, 45);

    private static Scene Scooter(double kmh, double x0, double y, int direction) => new Scene()
        .Add(1, TrackClass.EScooter, t => Boxes.Vehicle(x0 + direction * TopDownCamera.PixelsPerSecond(kmh) * t, y))
        .Add(2, TrackClass.Person, t => Boxes.RiderOn(x0 + direction * TopDownCamera.PixelsPerSecond(kmh) * t, y));

    [Fact]
    public void RidingWestInAnEastboundLaneIsOneEvent()
    {
        var events = Scooter(15, 1800, 1000, -1).Run(Engines.For(new WrongWayRule(), Lane), 4);

        var e = Assert.Single(events);
        Assert.Equal(ViolationKinds.WrongWay, e.Kind);
        Assert.Equal([1L, 2L], e.TrackIds);
        Assert.Equal(Scene.At(0.5), e.Time); // the first frame with half a second of track to fit
        Assert.Equal(TimeSpan.FromSeconds(1), e.Duration);
        Assert.Equal("cycle-lane", e.Details.Zone);
        Assert.Equal(270, e.Details.HeadingDegrees!.Value, 0.5);
        Assert.Equal(15, e.Details.SpeedKmh!.Value, 0.1);
    }

    [Fact]
    public void RidingTheAllowedWayIsLegal()
    {
        Assert.Empty(Scooter(15, 200, 1000, +1).Run(Engines.For(new WrongWayRule(), Lane), 4));
    }

    [Fact]
    public void PushingTheScooterTheWrongWayAtWalkingPaceIsLegal()
    {
        Assert.Empty(Scooter(3, 1800, 1000, -1).Run(Engines.For(new WrongWayRule(), Lane), 4));
    }

    [Fact]
    public void RidingWestOutsideTheLaneIsLegal()
    {
        Assert.Empty(Scooter(15, 1800, 500, -1).Run(Engines.For(new WrongWayRule(), Lane), 4));
    }

    [Fact]
    public void WithoutCalibrationTheRuleSaysWhyItDoesNotRun()
    {
        var engine = new RuleEngine(new RuleEnvironment(Engines.Camera, null, [Lane]), [new WrongWayRule()]);

        Assert.Contains("no ground calibration", Assert.Single(engine.Statuses).UnavailableReason);
    }
}

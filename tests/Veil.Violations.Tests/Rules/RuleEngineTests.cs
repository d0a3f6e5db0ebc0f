using Veil.Violations.Calibration;
using Veil.Violations.Events;
using Veil.Violations.Rules;
using Veil.Violations.Tests.Support;
using Veil.Violations.Tracks;
using Veil.Violations.Zones;

namespace Veil.Violations.Tests.Rules;

public sealed class RuleEngineTests
{
    /// <summary>A rule kind the library does not have, added without touching the others: a car parked on the plaza.</summary>
    private sealed class CarOnPlazaRule : IViolationRule
    {
        public string Name => "car-on-plaza";

        public TimeSpan MinimumDuration => TimeSpan.FromSeconds(2);

        public string? UnavailableReason(RuleEnvironment environment) => null;

        public IEnumerable<RuleFinding> Evaluate(RuleContext context) =>
            context.Tracks
                .Where(t => t.Latest.Class == TrackClass.Car)
                .Select(t => new RuleFinding([t.TrackId], GroundContact.Of(t.Latest.Box), t.Latest.Score, ViolationDetails.None));
    }

    private static Scene TandemAndSpeeding()
    {
        double speed = TopDownCamera.PixelsPerSecond(30);
        return new Scene()
            .Add(1, TrackClass.EScooter, t => Boxes.Vehicle(200 + speed * t, 1000))
            .Add(2, TrackClass.Person, t => Boxes.RiderOn(200 + speed * t, 1000, -8))
            .Add(3, TrackClass.Person, t => Boxes.RiderOn(200 + speed * t, 1000, 8));
    }

    [Fact]
    public void EveryRuleThatHoldsRaisesItsOwnEvent()
    {
        var engine = new RuleEngine(new RuleEnvironment(Engines.Camera, TopDownCamera.Ground, []), StandardRules.CreateAll());

        var events = TandemAndSpeeding().Run(engine, 3);

        Assert.Equal(
            [(ViolationKinds.TandemRiding, Scene.Start), (ViolationKinds.Speeding, Scene.At(0.5))],
            events.Select(e => (e.Kind, e.Time)));
        Assert.All(events, e => Assert.Equal([1L, 2L, 3L], e.TrackIds));
    }

    [Fact]
    public void ReplayingTheSameFramesGivesTheSameEventIds()
    {
        RuleEngine Fresh() => new(new RuleEnvironment(Engines.Camera, TopDownCamera.Ground, []), StandardRules.CreateAll());

        var first = TandemAndSpeeding().Run(Fresh(), 3);
        var again = TandemAndSpeeding().Run(Fresh(), 3);

        Assert.Equal(2, first.Count);
        Assert.Equal(first.Select(e => e.Id), again.Select(e => e.Id));
    }

    [Fact]
    public void StatusesListEveryRuleAndWhyItDoesNotRun()
    {
        var uncalibrated = new CameraCalibration("gate-2", "Rue de Rivoli 3, Paris", "Axis P1448-LE", new GeoPoint(48.8566, 2.3522), [], []);

        var engine = new RuleEngine(RuleEnvironment.From(uncalibrated), StandardRules.CreateAll());

        Assert.Equal(
        [
            "tandem-riding: available",
            "forbidden-zone: unavailable: no forbidden zone is drawn for this camera",
            "wrong-way: unavailable: the camera has no ground calibration (control points), so ground speed and heading are unknown",
            "speeding: unavailable: the camera has no ground calibration (control points), so ground speed and heading are unknown",
            "rider-without-vehicle: unavailable: the camera has no ground calibration (control points), so ground speed and heading are unknown",
            "no-helmet: unavailable: no helmet classifier model in the manifest",
        ], engine.Statuses.Select(s => s.ToString()));
    }

    [Fact]
    public void ACalibratedCameraWithZonesRunsTheRulesThatNeedThem()
    {
        var calibration = new CameraCalibration("gate-2", "Rue de Rivoli 3, Paris", "Axis P1448-LE", TopDownCamera.Origin,
            [new(0, 0, TopDownCamera.Origin.Latitude, TopDownCamera.Origin.Longitude),
             Control(2000, 0), Control(0, 2000), Control(2000, 2000)],
            [Zone.Forbidden("plaza", [new(0, 0), new(10, 0), new(10, 10)]), Zone.Directional("lane", [new(0, 0), new(10, 0), new(10, 10)], 90, 45)]);

        var engine = new RuleEngine(RuleEnvironment.From(calibration), StandardRules.CreateAll());

        Assert.Equal(["no-helmet"], engine.Statuses.Where(s => !s.IsAvailable).Select(s => s.Rule));
    }

    [Fact]
    public void ANewRuleKindIsRegisteredByPassingIt()
    {
        var scene = new Scene().Add(40, TrackClass.Car, t => Boxes.Car(1000, 1000), 0.6f);
        var engine = new RuleEngine(new RuleEnvironment(Engines.Camera, null, []), [new TandemRidingRule(), new CarOnPlazaRule()]);

        var e = Assert.Single(scene.Run(engine, 5));

        Assert.Equal("car-on-plaza", e.Kind);
        Assert.Equal([40L], e.TrackIds);
        Assert.Equal(TimeSpan.FromSeconds(2), e.Duration);
        Assert.Null(e.Geo); // no calibration, no map position
    }

    [Fact]
    public void TwoRulesWithOneNameAreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new RuleEngine(new RuleEnvironment(Engines.Camera, null, []), [new TandemRidingRule(), new TandemRidingRule()]));

        Assert.Contains("Two rules are named 'tandem-riding'", error.Message);
    }

    [Fact]
    public void BadParametersAreRefusedWithTheRuleAndParameterNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => new SpeedingRule(new SpeedingParameters { LimitKmh = -5 }));

        Assert.Contains("Speeding: LimitKmh (-5) must be a positive number", error.Message);
    }

    private static ControlPoint Control(float x, float y) => new(new System.Drawing.PointF(x, y), TopDownCamera.Geo(new System.Drawing.PointF(x, y)));
}

using Veil.Violations.Events;
using Veil.Violations.Rules;
using Veil.Violations.Tests.Support;
using Veil.Violations.Tracks;

namespace Veil.Violations.Tests.Rules;

public sealed class NoHelmetRuleTests
{
    /// <summary>Verdicts fixed per person track, standing in for the model the server would run on head crops.</summary>
    private sealed class FixedVerdicts(Dictionary<long, HelmetReading> verdicts) : IHelmetClassifier
    {
        public HelmetReading? Read(TrackHistory person) => verdicts.TryGetValue(person.TrackId, out var r) ? r : null;
    }

    private static Scene TwoScooters() => new Scene()
        .Add(1, TrackClass.EScooter, t => Boxes.Vehicle(300 + 50 * t, 1000))
        .Add(2, TrackClass.Person, t => Boxes.RiderOn(300 + 50 * t, 1000))
        .Add(3, TrackClass.Motorcycle, t => Boxes.Vehicle(900, 1000))
        .Add(4, TrackClass.Person, t => Boxes.RiderOn(900, 1000))
        .Add(5, TrackClass.Person, t => Boxes.Person(1500, 1000)); // a pedestrian: never asked about

    private static RuleEngine Engine(IHelmetClassifier? classifier) =>
        new(new RuleEnvironment(Engines.Camera, TopDownCamera.Ground, [], classifier), [new NoHelmetRule()]);

    [Fact]
    public void WithoutAHelmetModelTheRuleIsUnavailableAndNeverGuesses()
    {
        var engine = Engine(null);

        Assert.Equal("no-helmet: unavailable: no helmet classifier model in the manifest", Assert.Single(engine.Statuses).ToString());
        Assert.Empty(TwoScooters().Run(engine, 3));
    }

    [Fact]
    public void ARiderTheModelSeesBareHeadedIsOneEvent()
    {
        var classifier = new FixedVerdicts(new()
        {
            [2] = new HelmetReading(WearsHelmet: false, Confidence: 0.9f),
            [4] = new HelmetReading(WearsHelmet: true, Confidence: 0.95f),
            [5] = new HelmetReading(WearsHelmet: false, Confidence: 0.99f),
        });

        var e = Assert.Single(TwoScooters().Run(Engine(classifier), 3));

        Assert.Equal(ViolationKinds.NoHelmet, e.Kind);
        Assert.Equal([1L, 2L], e.TrackIds);
        Assert.Equal(Scene.Start, e.Time);
        Assert.Equal(0.9f, e.Confidence, 1e-5f);
    }

    [Fact]
    public void AnUnsureVerdictRaisesNothing()
    {
        var classifier = new FixedVerdicts(new() { [2] = new HelmetReading(false, 0.4f) });

        Assert.Empty(TwoScooters().Run(Engine(classifier), 3));
    }
}

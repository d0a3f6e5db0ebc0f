using Veil.Violations.Tracks;

namespace Veil.Violations.Rules;

/// <summary>One frame as the rules see it: the tracks observed in it, with their histories.</summary>
public sealed class RuleContext
{
    internal RuleContext(DateTimeOffset time, IReadOnlyList<TrackHistory> tracks, RuleEnvironment environment)
    {
        Time = time;
        Tracks = tracks;
        Environment = environment;
    }

    public DateTimeOffset Time { get; }

    /// <summary>Tracks observed in this frame; tracks the tracker has lost are not here.</summary>
    public IReadOnlyList<TrackHistory> Tracks { get; }

    public RuleEnvironment Environment { get; }

    /// <summary>Every two-wheeler in the frame with the people riding it.</summary>
    public IReadOnlyList<Rider> Riders(RidingGeometry geometry) => RiderFinder.Find(Tracks, geometry);

    /// <summary>The track's ground velocity over <paramref name="window"/>; false without calibration or enough history.</summary>
    public bool TryMotion(TrackHistory track, TimeSpan window, out GroundMotion motion)
    {
        motion = default;
        return Environment.Ground is { } ground && MotionEstimator.TryEstimate(track, ground, window, out motion);
    }
}

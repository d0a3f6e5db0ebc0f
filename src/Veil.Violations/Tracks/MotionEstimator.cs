using Veil.Violations.Calibration;
using Veil.Violations.Zones;

namespace Veil.Violations.Tracks;

/// <summary>
/// Ground velocity of a track: its ground contact points over a recent window, mapped to metres
/// by the homography, with a least-squares line fitted to east(t) and north(t). Box jitter of a
/// pixel or two makes frame-to-frame speeds useless; the fit over about a second averages it out.
/// </summary>
public static class MotionEstimator
{
    private const int MinimumPoints = 3;

    /// <summary>
    /// False when the track has too little history in the window (fewer than 3 points on the
    /// ground, or spanning less than half the window): a speed from two frames is noise.
    /// </summary>
    public static bool TryEstimate(TrackHistory track, GroundHomography ground, TimeSpan window, out GroundMotion motion)
    {
        motion = default;
        DateTimeOffset now = track.LastSeen, from = now - window;
        var samples = new List<(double T, GroundPoint P)>();
        for (int i = track.Observations.Count - 1; i >= 0 && track.Observations[i].Time >= from; i--)
        {
            var observation = track.Observations[i];
            if (ground.TryToGround(GroundContact.Of(observation.Box), out var point))
                samples.Add(((observation.Time - now).TotalSeconds, point));
        }
        if (samples.Count < MinimumPoints) return false;
        double span = samples[0].T - samples[^1].T;
        if (span < window.TotalSeconds / 2) return false;

        double meanT = samples.Average(s => s.T);
        double meanE = samples.Average(s => s.P.East), meanN = samples.Average(s => s.P.North);
        double varT = 0, covE = 0, covN = 0;
        foreach (var (t, p) in samples)
        {
            varT += (t - meanT) * (t - meanT);
            covE += (t - meanT) * (p.East - meanE);
            covN += (t - meanT) * (p.North - meanN);
        }
        motion = new GroundMotion(covE / varT, covN / varT);
        return true;
    }
}

namespace Veil.Violations.Tracks;

public sealed record TrackBookOptions
{
    /// <summary>How much of each track's past is kept: enough for the longest rule, bounded so memory does not grow with a track's life.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A track not observed for this long is dropped; the tracker has given it up by then.</summary>
    public TimeSpan ForgetAfter { get; init; } = TimeSpan.FromSeconds(3);

    public void Validate()
    {
        if (Window <= TimeSpan.Zero) throw new ArgumentException($"TrackBook Window ({Window}) must be positive.");
        if (ForgetAfter <= TimeSpan.Zero) throw new ArgumentException($"TrackBook ForgetAfter ({ForgetAfter}) must be positive.");
    }
}

namespace Veil.Violations.Tracks;

/// <summary>The recent observations of one track, oldest first, bounded by a time window.</summary>
public sealed class TrackHistory
{
    private readonly List<TrackObservation> _observations = [];

    internal TrackHistory(long trackId) => TrackId = trackId;

    public long TrackId { get; }

    public IReadOnlyList<TrackObservation> Observations => _observations;

    public TrackObservation Latest => _observations[^1];

    public DateTimeOffset LastSeen => Latest.Time;

    internal void Add(TrackObservation observation, TimeSpan window)
    {
        if (_observations.Count > 0 && observation.Time <= LastSeen)
            throw new ArgumentException(
                $"Track {TrackId} observed at {observation.Time:O}, not after its previous observation at {LastSeen:O}.", nameof(observation));
        _observations.Add(observation);
        DateTimeOffset oldest = observation.Time - window;
        int expired = 0;
        while (expired < _observations.Count - 1 && _observations[expired].Time < oldest) expired++;
        _observations.RemoveRange(0, expired);
    }
}

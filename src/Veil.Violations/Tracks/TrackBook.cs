namespace Veil.Violations.Tracks;

/// <summary>
/// The histories of one camera's tracks, fed frame by frame in time order. Not thread-safe:
/// one stream's rule stage owns it.
/// </summary>
public sealed class TrackBook
{
    private readonly TrackBookOptions _options;
    private readonly Dictionary<long, TrackHistory> _tracks = [];
    private TrackHistory[] _current = [];

    public TrackBook(TrackBookOptions? options = null)
    {
        _options = options ?? new TrackBookOptions();
        _options.Validate();
    }

    /// <summary>The latest frame's time, null before the first.</summary>
    public DateTimeOffset? Time { get; private set; }

    /// <summary>The tracks observed in the latest frame, in the order given.</summary>
    public IReadOnlyList<TrackHistory> Current => _current;

    /// <summary>Every track remembered, the current ones and those recently unseen.</summary>
    public int Count => _tracks.Count;

    public bool TryGet(long trackId, out TrackHistory history) => _tracks.TryGetValue(trackId, out history!);

    /// <summary>Adds one frame's observations and forgets tracks unseen for <see cref="TrackBookOptions.ForgetAfter"/>.</summary>
    public void Observe(DateTimeOffset time, IReadOnlyList<TrackObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (Time is { } previous && time <= previous)
            throw new ArgumentException($"Frame at {time:O} is not after the previous frame at {previous:O}; frames must be fed in time order.", nameof(time));
        var current = new TrackHistory[observations.Count];
        var seen = new HashSet<long>();
        for (int i = 0; i < observations.Count; i++)
        {
            var observation = observations[i];
            if (observation.Time > time)
                throw new ArgumentException($"Track {observation.TrackId} is observed at {observation.Time:O}, after its frame's time {time:O}.", nameof(observations));
            if (!seen.Add(observation.TrackId))
                throw new ArgumentException($"Track {observation.TrackId} appears twice in the frame at {time:O}.", nameof(observations));
            if (!_tracks.TryGetValue(observation.TrackId, out var history))
                _tracks.Add(observation.TrackId, history = new TrackHistory(observation.TrackId));
            history.Add(observation, _options.Window);
            current[i] = history;
        }
        _current = current;
        Time = time;
        foreach (var stale in _tracks.Values.Where(h => time - h.LastSeen > _options.ForgetAfter).ToList())
            _tracks.Remove(stale.TrackId);
    }
}

using Veil.Core.Detections;

namespace Veil.Vision.Tracking;

/// <summary>
/// ByteTrack-style multi-object tracker of one stream: Kalman-predicted boxes, association of high
/// then low score detections, birth from confident detections, death after a time lost. It fills
/// frames the detector missed or skipped, so a face that flickers out of detection stays redacted,
/// and gives violation rules ids that survive a missed frame.
/// </summary>
/// <remarks>
/// Not thread-safe: one tracker per stream, called by the stage that owns it. The lists returned
/// are the tracker's own, reused and valid until its next call, and so are the tracks in them:
/// a removed track's object is reused for a later birth, so readers keep ids, never tracks.
/// Tracking allocates nothing once the stream's busiest moment has been seen.
/// </remarks>
public sealed partial class ByteTracker
{
    private readonly List<Track> _tracks = [];  // live: tentative, confirmed and lost, oldest first
    private readonly List<Track> _removed = [];
    private readonly List<Track> _redact = [];
    private readonly Stack<Track> _spare = new();
    private readonly TrackList _tracksView, _removedView, _redactView;
    private int _nextId = 1;
    private bool _started;

    public ByteTracker(TrackerOptions? options = null)
    {
        Options = options ?? new TrackerOptions();
        Options.Validate();
        _tracksView = new TrackList(_tracks);
        _removedView = new TrackList(_removed);
        _redactView = new TrackList(_redact);
    }

    public TrackerOptions Options { get; }

    /// <summary>Stream time of the latest call.</summary>
    public TimeSpan Time { get; private set; }

    /// <summary>Live tracks (not removed), oldest first.</summary>
    public TrackList Tracks => _tracksView;

    /// <summary>Tracks removed by the latest call, so rules can close what they kept per id.</summary>
    public TrackList Removed => _removedView;

    /// <summary>
    /// A frame the detector ran on: predicts every track to <paramref name="time"/>, associates the
    /// detections, starts and ends tracks. Returns the live tracks; <see cref="Track.State"/> tells
    /// which were matched (<see cref="TrackState.Confirmed"/>).
    /// </summary>
    public TrackList Update(IReadOnlyList<Detection> detections, TimeSpan time)
    {
        Step(time);
        Associate(detections, time);
        Expire(time);
        return _tracksView;
    }

    /// <summary>
    /// A frame the detector did not run on: carries every track to <paramref name="time"/> by its
    /// motion, changing no state, and ends tracks whose time is up.
    /// </summary>
    public TrackList Predict(TimeSpan time)
    {
        Step(time);
        Expire(time);
        return _tracksView;
    }

    /// <summary>
    /// Tracks to redact at <paramref name="time"/>, with <see cref="Track.RedactionBox"/>: every
    /// live track detected within <see cref="TrackerOptions.KeepRedacted"/>, tentative ones too, as
    /// privacy prefers a box too many to a face shown. All classes: the redactor picks its own.
    /// </summary>
    public TrackList ToRedact(TimeSpan time)
    {
        _redact.Clear();
        foreach (var track in _tracks)
            if (track.SinceSeen(time) <= Options.KeepRedacted) _redact.Add(track);
        return _redactView;
    }

    /// <summary>Ends every track, as after a seek or a stream restart. Ids keep counting.</summary>
    public void Reset()
    {
        Recycle();
        foreach (var track in _tracks)
        {
            track.State = TrackState.Removed;
            _removed.Add(track);
        }
        _tracks.Clear();
        _redact.Clear();
        _started = false;
    }

    private void Step(TimeSpan time)
    {
        // Time going back is a discontinuity (a new session, a seek): old predictions mean nothing there.
        if (_started && time < Time) Reset();
        else Recycle();
        _started = true;
        Time = time;
        foreach (var track in _tracks) track.Advance(time);
    }

    /// <summary>Tracks removed by the previous call are past their readers: keep them for births.</summary>
    private void Recycle()
    {
        foreach (var track in _removed) _spare.Push(track);
        _removed.Clear();
    }

    private Track Born(Detection detection, TimeSpan time)
    {
        if (!_spare.TryPop(out var track)) return new Track(_nextId++, detection, time, Options);
        track.Restart(_nextId++, detection, time);
        return track;
    }

    private void Expire(TimeSpan time)
    {
        // An unconfirmed track is likelier noise: it lives only as long as it is redacted.
        int kept = 0;
        for (int i = 0; i < _tracks.Count; i++)
        {
            var track = _tracks[i];
            var life = track.State == TrackState.Tentative ? Options.KeepRedacted : Options.MaxLost;
            if (track.SinceSeen(time) > life)
            {
                track.State = TrackState.Removed;
                _removed.Add(track);
            }
            else _tracks[kept++] = track;
        }
        _tracks.RemoveRange(kept, _tracks.Count - kept);
    }
}

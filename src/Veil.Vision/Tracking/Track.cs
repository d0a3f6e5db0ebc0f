using Veil.Core.Detections;

namespace Veil.Vision.Tracking;

/// <summary>
/// One object followed across frames. Owned and mutated by its <see cref="ByteTracker"/> only;
/// readers (the redactor, violation rules) see it between tracker calls, on the same thread.
/// </summary>
public sealed class Track
{
    private readonly KalmanBoxFilter _filter;
    private readonly KalmanBoxFilter _atDetection; // the filter just after the latest detection, for HoldStill
    private readonly TrackerOptions _options;
    private TimeSpan _filterTime; // the time the filter's state refers to
    private int _streak;          // consecutive detection runs with a match

    internal Track(int id, Detection detection, TimeSpan time, TrackerOptions options)
    {
        _options = options;
        _filter = new KalmanBoxFilter(detection.Box);
        _atDetection = new KalmanBoxFilter(detection.Box);
        Restart(id, detection, time);
    }

    /// <summary>Starts this object over as a new track: a tracker reuses the tracks it removed.</summary>
    internal void Restart(int id, Detection detection, TimeSpan time)
    {
        Id = id;
        _filter.Initiate(detection.Box);
        _atDetection.CopyFrom(_filter);
        _filterTime = time;
        Class = detection.Class;
        LastDetectedBox = detection.Box;
        Score = detection.Score;
        FirstSeen = LastSeen = time;
        Hits = 1;
        Age = 0;
        UnchangedSinceSeen = true;
        _streak = 1;
        State = _options.ConfirmHits <= 1 ? TrackState.Confirmed : TrackState.Tentative;
    }

    /// <summary>Unique within its tracker, never reused: later stages key their state by it.</summary>
    public int Id { get; private set; }

    /// <summary>Class of the latest detection; may flip within a family (face/head, person/rider).</summary>
    public ObjectClass Class { get; private set; }

    /// <summary>The filter's estimate at the tracker's latest time, without growth.</summary>
    public BoxF Box => _filter.Box;

    public BoxF LastDetectedBox { get; private set; }

    /// <summary>Score of the latest matched detection.</summary>
    public float Score { get; private set; }

    public TimeSpan FirstSeen { get; private set; }

    /// <summary>Stream time of the latest matched detection.</summary>
    public TimeSpan LastSeen { get; private set; }

    /// <summary>Detections matched to this track.</summary>
    public int Hits { get; private set; }

    /// <summary>Tracker steps (detection runs and carried frames) since birth.</summary>
    public int Age { get; private set; }

    public TrackState State { get; internal set; }

    /// <summary>Velocity of the centre, pixels per second: what speed and wrong-way rules read.</summary>
    public (float X, float Y) Velocity => _filter.Velocity;

    public BoxUncertainty Uncertainty => _filter.Uncertainty;

    /// <summary>
    /// The box to redact at <paramref name="now"/>: the prediction grown on each side by
    /// <see cref="TrackerOptions.UncertaintySigmas"/> deviations of its edge plus
    /// <see cref="TrackerOptions.MotionGrowth"/> of the distance predicted since the last detection,
    /// capped at <see cref="TrackerOptions.MaxGrowth"/>, and always holding the last detected box
    /// both where it was and moved with the prediction (the smoothed estimate may lag, shrink or
    /// drift). A plate track's box moves with the prediction for no longer than the track was seen
    /// (<see cref="CarriedNoLongerThanSeen"/>).
    /// </summary>
    public BoxF RedactionBox(TimeSpan now) => Grown(now, carryAsSeen: Class == ObjectClass.Plate);

    /// <summary>
    /// Where to look for the object at <paramref name="now"/>: <see cref="RedactionBox"/>, but
    /// carried by the velocity for as long as it is predicted. A wrong prediction costs a look
    /// where nothing is, and the change regions still hold the object wherever it moves.
    /// </summary>
    public BoxF LookBox(TimeSpan now) => Grown(now, carryAsSeen: false);

    private BoxF Grown(TimeSpan now, bool carryAsSeen)
    {
        var (box, sigma) = _filter.Peek((now - _filterTime).TotalSeconds);
        if (carryAsSeen) box = CarriedNoLongerThanSeen(box, now);
        box = NoLargerThan(box, TrackerOptions.MaxPredictedSize * LastDetectedBox.W, TrackerOptions.MaxPredictedSize * LastDetectedBox.H);
        float dx = MathF.Abs(box.CenterX - LastDetectedBox.CenterX);
        float dy = MathF.Abs(box.CenterY - LastDetectedBox.CenterY);
        float gx = MathF.Min(_options.UncertaintySigmas * sigma.EdgeX + _options.MotionGrowth * dx, _options.MaxGrowth * MathF.Min(box.W, TrackerOptions.WidestGrown * box.H));
        float gy = MathF.Min(_options.UncertaintySigmas * sigma.EdgeY + _options.MotionGrowth * dy, _options.MaxGrowth * box.H);
        var grown = box.Grow(gx, gy, gx, gy);
        // Never less than the last detection, where it was and moved to the prediction: a size or
        // velocity estimate pulled by detections of one text cut into different pieces (or a face
        // half turned) can shrink or shift the prediction off an object that has not changed.
        var lastMoved = LastDetectedBox.Offset(box.CenterX - LastDetectedBox.CenterX, box.CenterY - LastDetectedBox.CenterY);
        return grown.Union(LastDetectedBox).Union(lastMoved);
    }

    /// <summary>
    /// The predicted box moved back towards the estimate at the latest detection, so that it has
    /// been carried by its velocity no longer than the track was seen (at least
    /// <see cref="TrackerOptions.LeastCarry"/>): a velocity measured over a few frames says little
    /// of the seconds after them. Text found on a busy texture in pieces of different sizes made a
    /// track whose detections crept 100 px in 0.3 s; carried on at 500 px/s, its box swept 600 px
    /// of untouched picture. The filter moves a lost box in a straight line, so scaling the move
    /// is carrying it for less time. Plates only: text is what is found in pieces that jump, while
    /// a face track is often seen briefly and then truly carried (a masked face found on every
    /// other frame): applied to faces too, moving-object seeds 16-29 went from 64 to 132
    /// face-frames readable (measured together with a growth cap on new plate tracks, which alone
    /// moved them by a few frames).
    /// </summary>
    private BoxF CarriedNoLongerThanSeen(BoxF box, TimeSpan now)
    {
        var carried = now - LastSeen;
        var allowed = TimeSpan.FromTicks(Math.Max((LastSeen - FirstSeen).Ticks, TrackerOptions.LeastCarry.Ticks));
        if (carried <= allowed) return box;
        float keep = (float)(allowed / carried);
        var from = _atDetection.Box;
        return box.Offset((from.CenterX - box.CenterX) * (1 - keep), (from.CenterY - box.CenterY) * (1 - keep));
    }

    private static BoxF NoLargerThan(BoxF box, float w, float h)
    {
        if (box.W <= w && box.H <= h) return box;
        float nw = MathF.Min(box.W, w), nh = MathF.Min(box.H, h);
        return new BoxF(box.CenterX - nw / 2, box.CenterY - nh / 2, nw, nh);
    }

    internal TimeSpan SinceSeen(TimeSpan now) => now - LastSeen;

    /// <summary>Moves the estimate to <paramref name="time"/>; one tracker step.</summary>
    internal void Advance(TimeSpan time)
    {
        _filter.Predict((time - _filterTime).TotalSeconds);
        if (time > _filterTime) _filterTime = time;
        Age++;
    }

    internal void Match(Detection detection, TimeSpan time, int confirmHits)
    {
        _filter.Update(detection.Box);
        _atDetection.CopyFrom(_filter);
        Class = detection.Class;
        LastDetectedBox = detection.Box;
        Score = detection.Score;
        LastSeen = time;
        UnchangedSinceSeen = true;
        Hits++;
        _streak++;
        if (State == TrackState.Lost || (State == TrackState.Tentative && _streak >= confirmHits))
            State = TrackState.Confirmed;
    }

    /// <summary>
    /// No block of the picture under the track changed on any frame since its last detection, so
    /// its object is still where it was detected (anything moving in or out changes the blocks it crosses).
    /// </summary>
    internal bool UnchangedSinceSeen { get; set; }

    /// <summary>
    /// Puts the estimate back as it stood just after the latest detection, on a frame where the
    /// track's picture has not changed since: neither moved nor grown by time that showed nothing
    /// new. The estimate, not the detected box: one line of text detected whole and then in a piece
    /// keeps the whole line's estimate. The detection time is left as it was: a track nothing
    /// detects again still ends on time.
    /// </summary>
    internal void HoldStill(TimeSpan time)
    {
        _filter.CopyFrom(_atDetection);
        _filterTime = time;
    }

    /// <summary>A detection run found nothing for this track.</summary>
    internal void Miss()
    {
        _streak = 0;
        if (State == TrackState.Confirmed)
        {
            State = TrackState.Lost;
            _filter.StopSizeChange();
            _atDetection.StopSizeChange();
        }
    }

    public override string ToString() => $"#{Id} {Class} {State} {Box} hits={Hits}";
}

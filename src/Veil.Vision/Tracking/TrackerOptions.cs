namespace Veil.Vision.Tracking;

/// <summary>Thresholds of <see cref="ByteTracker"/>. Defaults are ByteTrack's, bent towards over-redaction where they differ.</summary>
public sealed record TrackerOptions
{
    /// <summary>Detections at or above this score take part in the first association and may start tracks.</summary>
    public float HighScore { get; init; } = 0.5f;

    /// <summary>Detections below this are ignored; between it and <see cref="HighScore"/> they only continue tracks (an occluded face scores low).</summary>
    public float LowScore { get; init; } = 0.1f;

    /// <summary>Least IoU of a high detection with a confirmed or lost track's prediction (ByteTrack's cost 0.8).</summary>
    public float FirstMatchIou { get; init; } = 0.2f;

    /// <summary>Least IoU of a low detection with a remaining track: stricter, a low score is weaker evidence.</summary>
    public float SecondMatchIou { get; init; } = 0.5f;

    /// <summary>Least IoU of a leftover high detection with a tentative track (ByteTrack's cost 0.7).</summary>
    public float TentativeMatchIou { get; init; } = 0.3f;

    /// <summary>
    /// Track and detection boxes are grown by this many standard deviations of the track's edges
    /// before their IoU is taken, so uncertain tracks (new, or carried over frames without
    /// detection) can still be matched; 0 is ByteTrack's plain IoU.
    /// </summary>
    public float AssociationSigmas { get; init; } = 2f;

    /// <summary>
    /// Least score of a detection that starts a track. ByteTrack uses HighScore + 0.1 to keep
    /// noise out of its tracks; here an object first seen at 0.5-0.6 and then missed would not be
    /// carried at all and would flicker, so every high detection starts a tentative track (noise
    /// costs a box for <see cref="KeepRedacted"/>; rules read confirmed tracks only).
    /// </summary>
    public float NewTrackScore { get; init; } = 0.5f;

    /// <summary>How long a track stays redacted after its last detection. Also how long an unconfirmed track lives.</summary>
    public TimeSpan KeepRedacted { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a lost track is kept (and can be found again with its id) before it is removed.</summary>
    public TimeSpan MaxLost { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Consecutive detection runs that confirm a new track.</summary>
    public int ConfirmHits { get; init; } = 2;

    /// <summary>A redaction box is grown by this many standard deviations of its edges.</summary>
    public float UncertaintySigmas { get; init; } = 2f;

    /// <summary>
    /// A carried box is also grown, on every side, by this share of the distance its prediction moved
    /// since the last detection, per axis: the object may have stopped or sped up, and at 0.5 the box
    /// reaches half-way back to where it was seen and half as far again ahead.
    /// </summary>
    public float MotionGrowth { get; init; } = 0.5f;

    /// <summary>
    /// Cap of the growth on each side, as a share of the box's size on that axis (across, of at most
    /// <see cref="WidestGrown"/> heights), so a long gap does not blank the frame.
    /// </summary>
    public float MaxGrowth { get; init; } = 1f;

    /// <summary>
    /// A carried box's predicted size is at most this multiple of its last detection's, per axis,
    /// before it is grown: the filter's size velocity, pulled by detections of one caption cut into
    /// different pieces, took a caption's box from 110 to 170 px tall within its hold, and the
    /// growth on top of that hid most of the plate clip's road. Something truly growing is found
    /// again long before it outgrows this plus the growth.
    /// </summary>
    public const float MaxPredictedSize = 1.5f;

    /// <summary>
    /// The least time a carried plate box moves with its track's velocity, however briefly the
    /// track was seen; after as long as the track was seen (or this), the box stops where it got to
    /// (<see cref="Track.RedactionBox"/>). Five frames at 25 fps: a plate found on two frames in a
    /// row and then lost is followed as far as its next few detection runs.
    /// </summary>
    public static readonly TimeSpan LeastCarry = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The widest box whose whole width caps its growth across: a European plate, 520 x 110 mm. A line
    /// of text (a burned-in clock, a caption, a shop sign) is as wide as its characters are many, which
    /// says nothing of how far it moves: a 10:1 caption was grown by its width, hundreds of pixels a side.
    /// </summary>
    public const float WidestGrown = 4.7f;

    /// <summary>Throws when the options cannot work together; called once at start.</summary>
    public void Validate()
    {
        if (!(LowScore >= 0 && LowScore <= HighScore && HighScore <= 1))
            throw new ArgumentException($"Scores need 0 <= LowScore ({LowScore}) <= HighScore ({HighScore}) <= 1.");
        if (NewTrackScore < HighScore)
            throw new ArgumentException($"NewTrackScore ({NewTrackScore}) below HighScore ({HighScore}) has no effect: tracks start from high detections only.");
        foreach (var (name, iou) in new[] { (nameof(FirstMatchIou), FirstMatchIou), (nameof(SecondMatchIou), SecondMatchIou), (nameof(TentativeMatchIou), TentativeMatchIou) })
            if (!(iou > 0 && iou <= 1)) throw new ArgumentException($"{name} ({iou}) must be in (0, 1].");
        if (KeepRedacted < TimeSpan.Zero || MaxLost < TimeSpan.Zero)
            throw new ArgumentException("KeepRedacted and MaxLost cannot be negative.");
        if (ConfirmHits < 1) throw new ArgumentException($"ConfirmHits ({ConfirmHits}) must be at least 1.");
        if (UncertaintySigmas < 0 || AssociationSigmas < 0 || MotionGrowth < 0 || MaxGrowth < 0)
            throw new ArgumentException("UncertaintySigmas, AssociationSigmas, MotionGrowth and MaxGrowth cannot be negative.");
    }
}

namespace Veil.Vision.Tracking;

public enum TrackState
{
    /// <summary>Born from one detection, not yet seen in <see cref="TrackerOptions.ConfirmHits"/> consecutive detection runs.</summary>
    Tentative,
    /// <summary>Matched in the latest detection run.</summary>
    Confirmed,
    /// <summary>Confirmed once, missed in the latest detection run; carried by its prediction until it is found or removed.</summary>
    Lost,
    /// <summary>Gone for good; its id is never reused.</summary>
    Removed,
}

namespace Veil.Violations.Tracks;

/// <summary>What a track is, as far as the rules care; the server maps its detector's classes onto these.</summary>
public enum TrackClass
{
    Person,
    Bicycle,
    Motorcycle,

    /// <summary>No COCO model has it; kept for a model that detects e-scooters directly.</summary>
    EScooter,

    Car,
    Other,
}

namespace Veil.Violations.Tracks;

/// <summary>What a track is, as far as the rules care; the server maps its detector's classes onto these.</summary>
public enum TrackClass
{
    Person,

    /// <summary>
    /// A person the detector already saw on a two-wheeler (Veil's rider class): it stands for
    /// itself and its vehicle when the vehicle is not tracked on its own (small, or hidden by it).
    /// </summary>
    Rider,

    Bicycle,
    Motorcycle,

    /// <summary>No COCO model has it; kept for a model that detects e-scooters directly.</summary>
    EScooter,

    Car,
    Other,
}

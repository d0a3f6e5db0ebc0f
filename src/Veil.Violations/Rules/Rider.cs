using System.Drawing;
using Veil.Violations.Tracks;
using Veil.Violations.Zones;

namespace Veil.Violations.Rules;

/// <summary>A two-wheeler in the current frame and the people riding it (possibly none: an e-scooter model sees the vehicle alone).</summary>
public sealed record Rider(TrackHistory Vehicle, IReadOnlyList<TrackHistory> Persons)
{
    /// <summary>Where the vehicle's wheels touch the ground, in the image.</summary>
    public PointF GroundContact => Zones.GroundContact.Of(Vehicle.Latest.Box);

    public IReadOnlyList<long> PersonIds => Persons.Select(p => p.TrackId).ToArray();

    /// <summary>How many people ride: the persons on the vehicle, and the fused rider that stands for it.</summary>
    public int RiderCount => Persons.Count + (Vehicle.Latest.Class == TrackClass.Rider ? 1 : 0);

    /// <summary>Mean detector score of the vehicle and its riders in this frame.</summary>
    public float MeanScore => Persons.Select(p => p.Latest.Score).Append(Vehicle.Latest.Score).Average();
}

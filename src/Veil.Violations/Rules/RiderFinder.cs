using Veil.Violations.Tracks;

namespace Veil.Violations.Rules;

public static class RiderFinder
{
    /// <summary>
    /// Pairs each person with the two-wheeler it rides best (largest overlap), so a person
    /// between two parked bicycles is counted on one, not both.
    /// </summary>
    public static IReadOnlyList<Rider> Find(IReadOnlyList<TrackHistory> tracks, RidingGeometry geometry)
    {
        var twoWheelers = tracks.Where(t => t.Latest.Class.IsTwoWheeler()).ToArray();
        // A fused rider over a tracked two-wheeler is one of its people; one without stands for its own vehicle.
        var fused = tracks.Where(t => t.Latest.Class == TrackClass.Rider).ToLookup(r => twoWheelers.Any(v => geometry.RidingOverlap(r.Latest.Box, v.Latest.Box) > 0));
        var vehicles = twoWheelers.Concat(fused[false]).ToArray();
        var persons = vehicles.Select(_ => new List<TrackHistory>()).ToArray();
        foreach (var person in tracks.Where(t => t.Latest.Class == TrackClass.Person).Concat(fused[true]))
        {
            int best = -1;
            float bestOverlap = 0;
            for (int i = 0; i < twoWheelers.Length; i++)
            {
                float overlap = geometry.RidingOverlap(person.Latest.Box, vehicles[i].Latest.Box);
                if (overlap > bestOverlap) (best, bestOverlap) = (i, overlap);
            }
            if (best >= 0) persons[best].Add(person);
        }
        return vehicles.Select((v, i) => new Rider(v, persons[i])).ToArray();
    }
}

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
        var vehicles = tracks.Where(t => t.Latest.Class.IsTwoWheeler()).ToArray();
        var persons = vehicles.Select(_ => new List<TrackHistory>()).ToArray();
        foreach (var person in tracks.Where(t => t.Latest.Class == TrackClass.Person))
        {
            int best = -1;
            float bestOverlap = 0;
            for (int i = 0; i < vehicles.Length; i++)
            {
                float overlap = geometry.RidingOverlap(person.Latest.Box, vehicles[i].Latest.Box);
                if (overlap > bestOverlap) (best, bestOverlap) = (i, overlap);
            }
            if (best >= 0) persons[best].Add(person);
        }
        return vehicles.Select((v, i) => new Rider(v, persons[i])).ToArray();
    }
}

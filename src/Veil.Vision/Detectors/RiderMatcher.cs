using Veil.Core.Detections;

namespace Veil.Vision.Detectors;

/// <summary>
/// Marks people riding a two-wheeler: a person whose lower half overlaps a bicycle or motorcycle
/// box and whose centre lies above the two-wheeler's bottom edge. Later stages (tracks, violation
/// rules) read riders as their own class.
/// </summary>
public static class RiderMatcher
{
    public static void Mark(List<Detection> detections, int start = 0)
    {
        for (int i = start; i < detections.Count; i++)
        {
            var person = detections[i];
            if (person.Class != ObjectClass.Person) continue;
            var p = person.Box;
            var lower = new BoxF(p.X, p.CenterY, p.W, p.H / 2);
            for (int k = start; k < detections.Count; k++)
            {
                var wheels = detections[k];
                if (!wheels.Class.IsTwoWheeler()) continue;
                var w = wheels.Box;
                if (lower.IntersectionArea(w) >= 0.3f * lower.Area && p.CenterY < w.Bottom)
                {
                    detections[i] = person with { Class = ObjectClass.Rider };
                    break;
                }
            }
        }
    }
}

namespace Veil.TestSupport.MovingObjects;

/// <summary>
/// One kind's leak figures over a clip. <see cref="LongestRun"/> is the most consecutive leaked frames of any
/// one object (frames where it was not measurable or not in the truth neither extend nor break a run).
/// </summary>
public sealed record KindLeakFigures(
    ObjectKind Kind, int ObjectFrames, int Unmeasurable, int Leaked, int LongestRun, int LongestRunObject, int LongestRunFirstFrame)
{
    public int Measured => ObjectFrames - Unmeasurable;

    public double LeakedPercent => Measured == 0 ? 0 : 100.0 * Leaked / Measured;

    public static KindLeakFigures From(ObjectKind kind, IEnumerable<ObjectFrameVerdict> verdicts)
    {
        var mine = verdicts.Where(v => v.Box.Kind == kind).ToList();
        int longest = 0, longestObject = -1, longestFirst = -1;
        foreach (var perObject in mine.GroupBy(v => v.Box.Id))
        {
            int run = 0, first = -1;
            foreach (var v in perObject.OrderBy(v => v.Box.Frame))
            {
                if (!v.Measurable) continue;
                if (!v.Leaked) { run = 0; continue; }
                if (run++ == 0) first = v.Box.Frame;
                if (run > longest) (longest, longestObject, longestFirst) = (run, perObject.Key, first);
            }
        }
        return new KindLeakFigures(kind, mine.Count, mine.Count(v => !v.Measurable), mine.Count(v => v.Leaked), longest, longestObject, longestFirst);
    }
}

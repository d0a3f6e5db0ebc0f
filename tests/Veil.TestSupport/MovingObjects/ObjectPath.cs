namespace Veil.TestSupport.MovingObjects;

/// <summary>
/// An object's course through the clip: straight lines at constant speed between waypoints, its size eased
/// between theirs (so it grows and shrinks smoothly, as something coming closer and going away). The object
/// exists from the first waypoint's frame to the last's.
/// </summary>
public sealed class ObjectPath(IReadOnlyList<Waypoint> points)
{
    public IReadOnlyList<Waypoint> Points { get; } = points.Count >= 2
        ? points
        : throw new ArgumentException("a path needs two waypoints at least", nameof(points));

    public int FirstFrame => (int)Math.Ceiling(Points[0].Frame);

    public int LastFrame => (int)Math.Floor(Points[^1].Frame);

    public bool TryAt(int frame, out Waypoint at)
    {
        at = default;
        if (frame < Points[0].Frame || frame > Points[^1].Frame) return false;
        int i = 0;
        while (i < Points.Count - 2 && frame > Points[i + 1].Frame) i++;
        Waypoint a = Points[i], b = Points[i + 1];
        double u = b.Frame > a.Frame ? (frame - a.Frame) / (b.Frame - a.Frame) : 1;
        double eased = (1 - Math.Cos(Math.PI * u)) / 2;
        at = new Waypoint(frame, a.X + (b.X - a.X) * u, a.Y + (b.Y - a.Y) * u, a.Size + (b.Size - a.Size) * eased);
        return true;
    }
}

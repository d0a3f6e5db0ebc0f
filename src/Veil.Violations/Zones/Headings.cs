namespace Veil.Violations.Zones;

/// <summary>Compass headings in degrees: 0 north, 90 east, clockwise, in [0, 360).</summary>
public static class Headings
{
    public static double Normalize(double degrees)
    {
        double wrapped = degrees % 360;
        return wrapped < 0 ? wrapped + 360 : wrapped;
    }

    /// <summary>The unsigned angle between two headings, 0 to 180 degrees.</summary>
    public static double Difference(double a, double b)
    {
        double d = Math.Abs(Normalize(a) - Normalize(b));
        return d > 180 ? 360 - d : d;
    }
}

namespace Veil.Violations.Calibration;

/// <summary>A point on a camera's ground plane in metres: X east, Y north of the plane's origin.</summary>
public readonly record struct GroundPoint(double East, double North)
{
    public double DistanceTo(GroundPoint other)
    {
        double de = East - other.East, dn = North - other.North;
        return Math.Sqrt(de * de + dn * dn);
    }
}

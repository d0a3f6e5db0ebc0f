namespace Veil.Violations.Tracks;

/// <summary>A track's velocity on the ground, metres per second east and north.</summary>
public readonly record struct GroundMotion(double EastMetresPerSecond, double NorthMetresPerSecond)
{
    public double MetresPerSecond => Math.Sqrt(EastMetresPerSecond * EastMetresPerSecond + NorthMetresPerSecond * NorthMetresPerSecond);

    public double KilometresPerHour => MetresPerSecond * 3.6;

    /// <summary>Compass heading of the motion: 0 north, 90 east, in [0, 360).</summary>
    public double HeadingDegrees
    {
        get
        {
            double degrees = Math.Atan2(EastMetresPerSecond, NorthMetresPerSecond) * 180 / Math.PI;
            return degrees < 0 ? degrees + 360 : degrees;
        }
    }
}

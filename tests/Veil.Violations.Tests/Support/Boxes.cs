using System.Drawing;

namespace Veil.Violations.Tests.Support;

/// <summary>Boxes placed by their ground contact point (bottom-centre), in pixels.</summary>
internal static class Boxes
{
    /// <summary>An e-scooter or bicycle, 40 × 60 px.</summary>
    public static RectangleF Vehicle(double x, double y) => new((float)x - 20, (float)y - 60, 40, 60);

    /// <summary>A person, 30 × 150 px, standing on the ground at (x, y).</summary>
    public static RectangleF Person(double x, double y) => new((float)x - 15, (float)y - 150, 30, 150);

    /// <summary>A person standing on the deck of a vehicle whose contact point is (x, y), shifted by <paramref name="offset"/> px.</summary>
    public static RectangleF RiderOn(double x, double y, double offset = 0) => Person(x + offset, y - 5);

    public static RectangleF Car(double x, double y) => new((float)x - 100, (float)y - 160, 200, 160);
}

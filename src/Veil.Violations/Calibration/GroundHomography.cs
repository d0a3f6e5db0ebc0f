using System.Drawing;

namespace Veil.Violations.Calibration;

/// <summary>
/// The projective map between a fixed camera's image and the ground it looks at, fitted from
/// control points. Pixels become metres on a local plane (east/north from the control points'
/// centroid) and latitude/longitude. Valid for points on the ground only: a pixel of a
/// rider's head is not where the rider is, the bottom-centre of the box is.
/// </summary>
public sealed class GroundHomography
{
    /// <summary>Farther than this from the others, a control point is a typo, and the flat-plane model no longer holds anyway.</summary>
    private const double MaxControlPointSpreadMetres = 5_000;

    /// <summary>|det| of the unit-norm homography below which it collapses the plane to a line.</summary>
    private const double SingularDeterminant = 1e-9;

    private readonly Matrix3 _pixelToGround;
    private readonly Matrix3 _groundToPixel;
    private readonly LocalGroundPlane _plane;

    private GroundHomography(Matrix3 pixelToGround, LocalGroundPlane plane, (double X, double Y)[] pixels, GroundPoint[] ground)
    {
        _pixelToGround = pixelToGround;
        _groundToPixel = pixelToGround.Inverse();
        _plane = plane;
        Error = Measure(pixels, ground);
    }

    /// <summary>The origin of <see cref="ToGround"/>'s metres: the control points' centroid.</summary>
    public GeoPoint Origin => _plane.Origin;

    /// <summary>How far the control points land from where they were surveyed, after the fit.</summary>
    public ReprojectionError Error { get; }

    /// <summary>
    /// Fits the homography from at least 4 control points, no 3 of them on one line, by the
    /// normalized DLT in the local metric plane; more points average out clicking and survey errors.
    /// </summary>
    public static GroundHomography Fit(IReadOnlyList<ControlPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 4)
            throw new ArgumentException(
                $"A ground homography needs at least 4 control points (pixel ↔ latitude/longitude), got {points.Count}.", nameof(points));
        for (int i = 0; i < points.Count; i++)
        {
            var p = points[i];
            if (!float.IsFinite(p.Pixel.X) || !float.IsFinite(p.Pixel.Y))
                throw new ArgumentException($"Control point {i} has a non-finite pixel {p.Pixel}.", nameof(points));
            if (!p.Geo.IsValid)
                throw new ArgumentException($"Control point {i} has an invalid position {p.Geo} (latitude within ±89°, longitude within ±180°).", nameof(points));
        }

        var plane = new LocalGroundPlane(LocalGroundPlane.Centroid(points.Select(p => p.Geo)));
        var pixels = points.Select(p => ((double)p.Pixel.X, (double)p.Pixel.Y)).ToArray();
        var ground = points.Select(p => plane.ToGround(p.Geo)).ToArray();
        CheckSpread(ground);
        if (PlanarPoints.AreCollinear(pixels))
            throw new ArgumentException("The control points' pixels are collinear: a homography needs 4 points with no 3 on one line in the image.", nameof(points));
        if (PlanarPoints.AreCollinear(ground.Select(g => (g.East, g.North)).ToArray()))
            throw new ArgumentException("The control points' positions are collinear on the ground: a homography needs 4 points with no 3 on one line.", nameof(points));

        Matrix3 h = DirectLinearTransform.Solve(pixels, ground.Select(g => (g.East, g.North)).ToArray());
        h = h.Scaled(1 / h.FrobeniusNorm);
        if (Math.Abs(h.Determinant) < SingularDeterminant)
            throw new ArgumentException(
                "The fitted homography is singular: the control points are degenerate (three of them on one line in the image or on the ground?).", nameof(points));
        h = FacingForward(h, pixels);

        return new GroundHomography(h, plane, pixels, ground);
    }

    /// <summary>Latitude/longitude of the ground seen at <paramref name="pixel"/>; throws at or above the horizon.</summary>
    public GeoPoint ToGeo(PointF pixel) => _plane.ToGeo(ToGround(pixel));

    public bool TryToGeo(PointF pixel, out GeoPoint geo)
    {
        bool onGround = TryToGround(pixel, out var ground);
        geo = onGround ? _plane.ToGeo(ground) : default;
        return onGround;
    }

    /// <summary>Metres east and north of <see cref="Origin"/>; throws at or above the horizon.</summary>
    public GroundPoint ToGround(PointF pixel) =>
        TryToGround(pixel, out var ground)
            ? ground
            : throw new ArgumentOutOfRangeException(nameof(pixel), pixel, "The pixel is at or above the horizon of the calibrated ground plane: it shows no ground.");

    /// <summary>False for a pixel at or above the horizon, which has no ground position.</summary>
    public bool TryToGround(PointF pixel, out GroundPoint ground)
    {
        var (x, y, w) = _pixelToGround.Apply(pixel.X, pixel.Y);
        ground = w > 0 ? new GroundPoint(x / w, y / w) : default;
        return w > 0 && double.IsFinite(ground.East) && double.IsFinite(ground.North);
    }

    /// <summary>Distance on the ground, in metres, between what two pixels show.</summary>
    public double GroundDistance(PointF a, PointF b) => ToGround(a).DistanceTo(ToGround(b));

    /// <summary>Where a ground point appears in the image (it may be outside the frame).</summary>
    public PointF ToPixel(GroundPoint ground)
    {
        var (x, y, w) = _groundToPixel.Apply(ground.East, ground.North);
        return new PointF((float)(x / w), (float)(y / w));
    }

    /// <summary>Measured from the median point, which a single mistyped point cannot drag along as it drags the centroid.</summary>
    private static void CheckSpread(GroundPoint[] ground)
    {
        var median = new GroundPoint(Median(ground.Select(g => g.East)), Median(ground.Select(g => g.North)));
        int farthest = 0;
        for (int i = 1; i < ground.Length; i++)
            if (ground[i].DistanceTo(median) > ground[farthest].DistanceTo(median)) farthest = i;
        double distance = ground[farthest].DistanceTo(median);
        if (distance > MaxControlPointSpreadMetres)
            throw new ArgumentException(FormattableString.Invariant(
                $"Control point {farthest} is {distance / 1000:F1} km from the other points; one camera sees a few hundred metres (mistyped latitude or longitude?)."), "points");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// A homography is defined up to scale, sign included; picks the sign that gives the control
    /// points a positive W, so "W > 0" means "below the horizon" for every later pixel.
    /// </summary>
    private static Matrix3 FacingForward(Matrix3 h, (double X, double Y)[] pixels)
    {
        int positive = pixels.Count(p => h.Apply(p.X, p.Y).W > 0);
        if (positive != 0 && positive != pixels.Length)
            throw new ArgumentException("The control points fall on both sides of the fitted horizon: some pixel or position is wrong.", "points");
        return positive == 0 ? h.Scaled(-1) : h;
    }

    private ReprojectionError Measure((double X, double Y)[] pixels, GroundPoint[] ground)
    {
        double sumMetres = 0, sumPixels = 0, maxMetres = 0, maxPixels = 0;
        int worst = 0;
        for (int i = 0; i < pixels.Length; i++)
        {
            var pixel = new PointF((float)pixels[i].X, (float)pixels[i].Y);
            double metres = ToGround(pixel).DistanceTo(ground[i]);
            PointF back = ToPixel(ground[i]);
            double dx = back.X - pixels[i].X, dy = back.Y - pixels[i].Y;
            double px = Math.Sqrt(dx * dx + dy * dy);
            sumMetres += metres * metres;
            sumPixels += px * px;
            if (metres > maxMetres) (maxMetres, worst) = (metres, i);
            maxPixels = Math.Max(maxPixels, px);
        }
        return new ReprojectionError(
            Math.Sqrt(sumMetres / pixels.Length), maxMetres,
            Math.Sqrt(sumPixels / pixels.Length), maxPixels, worst);
    }
}

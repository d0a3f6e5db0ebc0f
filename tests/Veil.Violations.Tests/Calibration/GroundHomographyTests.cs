using System.Drawing;
using Veil.Violations.Calibration;
using Veil.Violations.Tests.Support;

namespace Veil.Violations.Tests.Calibration;

public sealed class GroundHomographyTests
{
    /// <summary>6 m up a pole, 40° down, looking north-east over a square.</summary>
    private static readonly PinholeCamera Camera = new(new GeoPoint(52.370216, 4.895168), 6, 40, 35);

    private static readonly (double Ahead, double Right)[] Survey =
        [(4, -2), (4, 2), (8, -4), (8, 3), (14, -6), (14, 5), (21, -8), (21, 8)];

    [Fact]
    public void ExactControlPointsReprojectWithNoError()
    {
        var fit = GroundHomography.Fit(Survey.Select(s => Camera.ControlPoint(s.Ahead, s.Right)).ToArray());

        // What is left is float pixels and the plane-versus-sphere difference, both far under a millimetre.
        Assert.True(fit.Error.RmsMetres < 1e-3, fit.Error.ToString());
        Assert.True(fit.Error.MaxMetres < 1e-3, fit.Error.ToString());
        Assert.True(fit.Error.RmsPixels < 0.01, fit.Error.ToString());
        Assert.True(fit.Error.MaxPixels < 0.01, fit.Error.ToString());
    }

    [Fact]
    public void PixelsOtherThanTheControlPointsMapToTheirTruePositionWithinCentimetres()
    {
        var fit = GroundHomography.Fit(Survey.Select(s => Camera.ControlPoint(s.Ahead, s.Right)).ToArray());

        var random = new Random(11);
        for (int i = 0; i < 50; i++)
        {
            double ahead = 3 + random.NextDouble() * 20, right = (random.NextDouble() - 0.5) * ahead * 0.8;
            var (east, north) = Camera.Ground(ahead, right);
            PointF pixel = Camera.Project(east, north);
            Assert.True(Camera.InFrame(pixel), $"test point {pixel} left the frame");

            double miss = SphericalEarth.Distance(fit.ToGeo(pixel), Camera.Geo(east, north));

            Assert.True(miss < 0.02, $"pixel {pixel} (ground {ahead:F1} m ahead, {right:F1} m right) is off by {miss:F4} m");
        }
    }

    [Fact]
    public void GroundDistanceMatchesTheDistanceOnTheGround()
    {
        var fit = GroundHomography.Fit(Survey.Select(s => Camera.ControlPoint(s.Ahead, s.Right)).ToArray());
        var near = Camera.Ground(5, -1);
        var far = Camera.Ground(18, 4);

        double metres = fit.GroundDistance(Camera.Project(near.East, near.North), Camera.Project(far.East, far.North));

        double truth = Math.Sqrt(13 * 13 + 5 * 5);
        Assert.InRange(metres, truth - 0.02, truth + 0.02);
    }

    [Fact]
    public void ToGroundIsMetresEastAndNorthOfTheControlPointsCentroid()
    {
        var fit = GroundHomography.Fit(Survey.Select(s => Camera.ControlPoint(s.Ahead, s.Right)).ToArray());
        var (east, north) = Camera.Ground(10, 0);
        GeoPoint truth = Camera.Geo(east, north);

        GroundPoint ground = fit.ToGround(Camera.Project(east, north));

        // The same point reached from the origin by the metres ToGround gives.
        double miss = SphericalEarth.Distance(SphericalEarth.Destination(fit.Origin, ground.East, ground.North), truth);
        Assert.True(miss < 0.02, $"off by {miss:F4} m");
        // 10 m ahead at a 35° yaw is more north than east of the camera's foot.
        Assert.True(north > east);
    }

    [Fact]
    public void FourPointsAreEnough()
    {
        var fit = GroundHomography.Fit([Camera.ControlPoint(4, -2), Camera.ControlPoint(4, 2), Camera.ControlPoint(20, -7), Camera.ControlPoint(20, 7)]);
        var (east, north) = Camera.Ground(12, 1);

        double miss = SphericalEarth.Distance(fit.ToGeo(Camera.Project(east, north)), Camera.Geo(east, north));

        Assert.True(miss < 0.02, $"off by {miss:F4} m");
    }

    [Fact]
    public void NoisyPixelsGiveAReportedErrorOfTheNoisesSize()
    {
        const double sigma = 1.5; // px, per axis
        var random = new Random(7);
        var points = new List<ControlPoint>();
        while (points.Count < 60)
        {
            double ahead = 3 + random.NextDouble() * 18, right = (random.NextDouble() - 0.5) * ahead * 0.8;
            points.Add(Camera.ControlPoint(ahead, right, (float)(sigma * Gaussian(random)), (float)(sigma * Gaussian(random))));
        }

        var fit = GroundHomography.Fit(points);

        // 2-D noise of σ per axis leaves residuals of σ·√2·√(1 − 8/2n) after fitting 8 parameters to 2n values.
        double expected = sigma * Math.Sqrt(2) * Math.Sqrt(1 - 8.0 / (2 * points.Count));
        Assert.InRange(fit.Error.RmsPixels, expected * 0.8, expected * 1.2);
        Assert.True(fit.Error.MaxPixels > fit.Error.RmsPixels);
        // Near the camera a pixel is about a centimetre, far away tens: metres of error are centimetres, not zero.
        Assert.InRange(fit.Error.RmsMetres, 0.01, 0.5);
    }

    [Fact]
    public void OneMistypedPointIsNamedAsTheWorst()
    {
        var points = Survey.Select(s => Camera.ControlPoint(s.Ahead, s.Right)).ToList();
        var wrong = points[5];
        points[5] = wrong with { Geo = wrong.Geo with { Latitude = wrong.Geo.Latitude + 0.00002 } }; // about 2 m north

        var fit = GroundHomography.Fit(points);

        Assert.Equal(5, fit.Error.WorstPointIndex);
        Assert.True(fit.Error.MaxMetres > 0.5, fit.Error.ToString());
    }

    [Fact]
    public void PixelsAboveTheHorizonHaveNoGroundPosition()
    {
        var fit = GroundHomography.Fit(Survey.Select(s => Camera.ControlPoint(s.Ahead, s.Right)).ToArray());
        // Looking 40° down with a 26° half field of view, the horizon is 383 px above the top of the image.
        var sky = new PointF(960, -600);

        Assert.False(fit.TryToGround(sky, out _));
        Assert.False(fit.TryToGeo(sky, out _));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => fit.ToGeo(sky));
        Assert.Contains("horizon", error.Message);
    }

    [Fact]
    public void CameraAcrossTheAntimeridianFitsAndMapsToTheRightSide()
    {
        var fiji = new PinholeCamera(new GeoPoint(-16.5, 179.99995), 6, 40, 90); // looking east over ±180°
        var fit = GroundHomography.Fit(Survey.Select(s => fiji.ControlPoint(s.Ahead, s.Right)).ToArray());
        var (east, north) = fiji.Ground(15, 0);

        GeoPoint geo = fit.ToGeo(fiji.Project(east, north));

        Assert.True(fit.Error.RmsMetres < 1e-3, fit.Error.ToString());
        Assert.True(geo.Longitude < -179.9, $"15 m east of 179.99995° is past the antimeridian, got {geo}");
        Assert.True(SphericalEarth.Distance(geo, fiji.Geo(east, north)) < 0.02);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

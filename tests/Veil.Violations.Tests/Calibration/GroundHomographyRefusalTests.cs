using System.Drawing;
using Veil.Violations.Calibration;

namespace Veil.Violations.Tests.Calibration;

public sealed class GroundHomographyRefusalTests
{
    private static ControlPoint Point(float x, float y, double northMetres, double eastMetres) =>
        new(new PointF(x, y), new GeoPoint(45 + northMetres / 111_195.0, 7 + eastMetres / 78_630.0));

    [Fact]
    public void FewerThanFourPointsAreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => GroundHomography.Fit(
            [Point(100, 100, 0, 0), Point(900, 100, 0, 10), Point(100, 700, 10, 0)]));

        Assert.Contains("at least 4 control points", error.Message);
        Assert.Contains("got 3", error.Message);
    }

    [Fact]
    public void CollinearPixelsAreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => GroundHomography.Fit(
            [Point(100, 100, 0, 0), Point(200, 200, 0, 10), Point(300, 300, 10, 0), Point(400, 400, 10, 10)]));

        Assert.Contains("pixels are collinear", error.Message);
    }

    [Fact]
    public void CollinearGroundPositionsAreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => GroundHomography.Fit(
            [Point(100, 100, 0, 0), Point(900, 100, 0, 10), Point(100, 700, 0, 20), Point(900, 700, 0, 30)]));

        Assert.Contains("collinear on the ground", error.Message);
    }

    [Fact]
    public void ThreeOfFourPixelsOnOneLineAreRefusedAsDegenerate()
    {
        var error = Assert.Throws<ArgumentException>(() => GroundHomography.Fit(
            [Point(100, 100, 0, 0), Point(500, 100, 0, 10), Point(900, 100, 10, 10), Point(500, 700, 10, 0)]));

        Assert.Contains("degenerate", error.Message);
    }

    [Fact]
    public void ADuplicatedPointLeavingThreeIsRefusedAsDegenerate()
    {
        var error = Assert.Throws<ArgumentException>(() => GroundHomography.Fit(
            [Point(100, 100, 0, 0), Point(900, 100, 0, 10), Point(100, 700, 10, 0), Point(900, 100, 0, 10)]));

        Assert.Contains("degenerate", error.Message);
    }

    [Fact]
    public void AMistypedFarAwayPositionIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => GroundHomography.Fit(
            [Point(100, 100, 0, 0), Point(900, 100, 0, 10), Point(100, 700, 10, 0), Point(900, 700, 90_000, 10)]));

        Assert.Contains("Control point 3", error.Message);
        Assert.Contains("km from the other points", error.Message);
    }

    [Fact]
    public void AnInvalidLatitudeIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => GroundHomography.Fit(
            [Point(100, 100, 0, 0), Point(900, 100, 0, 10), new ControlPoint(100, 700, 145, 7), Point(900, 700, 10, 10)]));

        Assert.Contains("Control point 2 has an invalid position", error.Message);
    }
}

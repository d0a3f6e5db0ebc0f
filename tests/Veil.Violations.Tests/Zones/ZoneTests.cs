using System.Drawing;
using Veil.Violations.Zones;

namespace Veil.Violations.Tests.Zones;

public sealed class ZoneTests
{
    /// <summary>A U: two arms joined at the bottom, with the notch between them open at the top.</summary>
    private static readonly PointF[] UShape =
        [new(0, 0), new(100, 0), new(100, 300), new(200, 300), new(200, 0), new(300, 0), new(300, 400), new(0, 400)];

    [Theory]
    [InlineData(50, 50, true)]    // left arm
    [InlineData(250, 50, true)]   // right arm
    [InlineData(150, 350, true)]  // the bottom joining them
    [InlineData(150, 100, false)] // the notch: inside the hull, outside the polygon
    [InlineData(350, 200, false)]
    [InlineData(-1, 200, false)]
    [InlineData(150, 401, false)]
    public void ConcavePolygonContainsByTheEvenOddRule(float x, float y, bool inside)
    {
        Assert.Equal(inside, Zone.Forbidden("plaza", UShape).Contains(new PointF(x, y)));
    }

    [Fact]
    public void ARayThroughAVertexIsCountedOnce()
    {
        PointF[] diamond = [new(100, 0), new(200, 100), new(100, 200), new(0, 100)];

        // Points level with the left and right vertices: the +x ray passes through the right vertex.
        Assert.True(PolygonContainment.Contains(diamond, new PointF(50, 100)));
        Assert.False(PolygonContainment.Contains(diamond, new PointF(-50, 100)));
        Assert.False(PolygonContainment.Contains(diamond, new PointF(250, 100)));
    }

    [Fact]
    public void TheGroundContactIsTheBottomCentreOfTheBox()
    {
        Assert.Equal(new PointF(120, 260), GroundContact.Of(new RectangleF(100, 100, 40, 160)));
    }

    [Theory]
    [InlineData(10, false)]  // 20° from 350: within the tolerance across north
    [InlineData(310, true)]  // 40° off
    [InlineData(170, true)]  // the opposite way
    [InlineData(-5, false)]  // the same as 355
    public void DirectionalZoneComparesHeadingsAcrossNorth(double heading, bool against)
    {
        var lane = Zone.Directional("lane", UShape, allowedHeadingDegrees: 350, toleranceDegrees: 30);

        Assert.Equal(against, lane.IsAgainstDirection(heading));
    }

    [Fact]
    public void AForbiddenZoneHasNoDirection()
    {
        Assert.False(Zone.Forbidden("plaza", UShape).IsAgainstDirection(180));
    }

    [Fact]
    public void BadZonesAreRefusedWithTheirName()
    {
        var twoPoints = Assert.Throws<ArgumentException>(() => Zone.Forbidden("kerb", [new(0, 0), new(10, 10)]));
        Assert.Contains("Zone 'kerb' needs a polygon of at least 3 points, got 2", twoPoints.Message);

        var tolerance = Assert.Throws<ArgumentOutOfRangeException>(() => Zone.Directional("lane", UShape, 90, 180));
        Assert.Contains("Zone 'lane'", tolerance.Message);

        Assert.Throws<ArgumentException>(() => Zone.Forbidden(" ", UShape));
    }
}

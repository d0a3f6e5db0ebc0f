using Veil.Core.Geometry;
using Veil.Vision.Masks;

namespace Veil.Vision.Tests.Masks;

public sealed class MaskResolverTests
{
    [Fact]
    public void Pixel_and_relative_rectangles_become_pixel_regions_in_order()
    {
        var masks = new[]
        {
            new PrivacyMask("door", new MaskRect(10, 20, 30, 40)),
            new PrivacyMask("sky", new MaskRect(0.1, 0.1, 0.2, 0.2), MaskUnits.Relative),
        };

        var regions = MaskResolver.Resolve(masks, 1280, 720);

        Assert.Equal(new PixelRect(10, 20, 30, 40), regions[0].Bounds);
        Assert.Equal("door", regions[0].Label);
        Assert.Equal(new PixelRect(128, 72, 256, 144), regions[1].Bounds);
        Assert.Equal("sky", regions[1].Label);
        Assert.Null(regions[1].Polygon);
    }

    [Fact]
    public void Relative_rectangles_cover_every_partly_covered_pixel()
    {
        var region = MaskResolver.Resolve(new PrivacyMask("m", new MaskRect(0.5, 0.5, 0.25, 0.2), MaskUnits.Relative), 400, 225);

        Assert.Equal(new PixelRect(200, 112, 100, 46), region.Bounds);
    }

    [Fact]
    public void A_mask_partly_outside_is_clamped()
    {
        var region = MaskResolver.Resolve(new PrivacyMask("edge", new MaskRect(1250, -10, 100, 50)), 1280, 720);

        Assert.Equal(new PixelRect(1250, 0, 30, 40), region.Bounds);
    }

    [Fact]
    public void A_mask_wholly_outside_names_itself_and_the_frame()
    {
        var masks = new[] { new PrivacyMask("ok", new MaskRect(0, 0, 5, 5)), new PrivacyMask("door", new MaskRect(2000, 10, 50, 50)) };

        var e = Assert.Throws<ArgumentException>(() => MaskResolver.Resolve(masks, 1280, 720));

        Assert.Equal("mask \"door\" (2000,10,50x50) lies outside the 1280x720 frame", e.Message);
    }

    [Fact]
    public void Polygons_keep_their_points_and_get_clamped_bounds()
    {
        var mask = new PrivacyMask("window", [new MaskPoint(0.5, 0.5), new MaskPoint(1.2, 0.5), new MaskPoint(0.5, 1.0)], MaskUnits.Relative);

        var region = MaskResolver.Resolve(mask, 200, 100);

        Assert.Equal([(100, 50), (240, 50), (100, 100)], region.Polygon!);
        Assert.Equal(new PixelRect(100, 50, 100, 50), region.Bounds);
    }

    [Fact]
    public void A_polygon_wholly_outside_is_an_error()
    {
        var mask = new PrivacyMask("tree", [new MaskPoint(300, 10), new MaskPoint(350, 10), new MaskPoint(320, 40)]);

        var e = Assert.Throws<ArgumentException>(() => MaskResolver.Resolve([mask], 200, 100));

        Assert.Contains("mask \"tree\" (polygon bounds 300,10,51x31) lies outside the 200x100 frame", e.Message);
    }

    [Fact]
    public void Masks_check_their_own_shape()
    {
        Assert.Throws<ArgumentException>(() => new PrivacyMask("flat", new MaskRect(0, 0, 0, 10)));
        Assert.Throws<ArgumentException>(() => new PrivacyMask("line", [new MaskPoint(0, 0), new MaskPoint(1, 1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MaskResolver.Resolve([], 0, 720));
    }
}

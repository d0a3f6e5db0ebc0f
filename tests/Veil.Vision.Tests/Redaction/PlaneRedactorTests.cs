using OpenCvSharp;
using Veil.Core.Geometry;
using Veil.Vision.Redaction;
using Veil.Vision.Tests.Support;

namespace Veil.Vision.Tests.Redaction;

public sealed class PlaneRedactorTests
{
    private static readonly Rect Face = TestImages.FaceBox;
    private static RedactionOptions Exact(RedactionStyle style) => new() { Style = style, MarginFraction = 0 };

    [Theory]
    [InlineData(RedactionStyle.Blur)]
    [InlineData(RedactionStyle.Mosaic)]
    public void Removes_detail_and_keeps_brightness(RedactionStyle style)
    {
        using var frame = new TestFrame(TestImages.LoadFacePhoto());
        var before = frame.Y;
        using var redactor = new PlaneRedactor(Exact(style));

        redactor.Redact(frame.Planes, Region(Face));

        var after = frame.Y;
        Assert.True(after.LaplacianVariance(Face) <= 0.1 * before.LaplacianVariance(Face),
            $"{style}: Laplacian variance {after.LaplacianVariance(Face):F1} vs {before.LaplacianVariance(Face):F1} before");
        Assert.InRange(after.Mean(Face) - before.Mean(Face), -4, 4);
    }

    [Theory]
    [InlineData(RedactionStyle.Blur)]
    [InlineData(RedactionStyle.Mosaic)]
    [InlineData(RedactionStyle.Pixelate)]
    [InlineData(RedactionStyle.Fill)]
    public void Leaves_every_pixel_outside_the_region_bit_identical(RedactionStyle style)
    {
        using var frame = new TestFrame(TestImages.LoadFacePhoto());
        var (y0, u0, v0) = (frame.Y, frame.U, frame.V);
        using var redactor = new PlaneRedactor(Exact(style));

        redactor.Redact(frame.Planes, Region(Face));

        var chroma = ChromaCover(Face);
        Assert.Equal(0, frame.Y.CountChangedOutside(y0, (x, y) => Face.Contains(x, y)));
        Assert.Equal(0, frame.U.CountChangedOutside(u0, (x, y) => chroma.Contains(x, y)));
        Assert.Equal(0, frame.V.CountChangedOutside(v0, (x, y) => chroma.Contains(x, y)));
        Assert.True(frame.Y.CountChanged(y0, Face) > Face.Width * Face.Height / 2);
    }

    [Theory]
    [InlineData(RedactionStyle.Blur)]
    [InlineData(RedactionStyle.Mosaic)]
    [InlineData(RedactionStyle.Pixelate)]
    public void Redacts_the_chroma_planes_too(RedactionStyle style)
    {
        using var frame = new TestFrame(TestImages.LoadFacePhoto());
        var (u0, v0) = (frame.U, frame.V);
        var chroma = ChromaCover(Face);
        using var redactor = new PlaneRedactor(Exact(style));

        redactor.Redact(frame.Planes, Region(Face));

        foreach (var (after, before) in new[] { (frame.U, u0), (frame.V, v0) })
        {
            Assert.True(after.CountChanged(before, chroma) > chroma.Width * chroma.Height / 2);
            Assert.InRange(after.Mean(chroma) - before.Mean(chroma), -3, 3);
            if (style == RedactionStyle.Blur)
                Assert.True(after.LaplacianVariance(chroma) <= 0.1 * before.LaplacianVariance(chroma));
            else
                Assert.InRange(after.MaxRunsAcross(chroma), 1, 8);
        }
    }

    [Theory]
    [InlineData(RedactionStyle.Mosaic)]
    [InlineData(RedactionStyle.Pixelate)]
    public void Leaves_at_most_eight_blocks_across(RedactionStyle style)
    {
        using var frame = new TestFrame(TestImages.Photo(1280, 720));
        var box = new Rect(300, 100, 500, 333);
        var y0 = frame.Y;
        using var redactor = new PlaneRedactor(Exact(style));

        redactor.Redact(frame.Planes, Region(box));

        Assert.InRange(frame.Y.Mean(box) - y0.Mean(box), -3, 3);

        Assert.InRange(frame.Y.MaxRunsAcross(box), 1, 8);
        Assert.InRange(frame.Y.MaxRunsDown(box), 1, 8);
        var chroma = ChromaCover(box);
        Assert.InRange(frame.U.MaxRunsAcross(chroma), 1, 8);
        Assert.InRange(frame.V.MaxRunsDown(chroma), 1, 8);
    }

    [Fact]
    public void Small_regions_are_blurred_in_place_like_a_separate_copy()
    {
        // Below a sigma of 6 px the blur runs at full resolution, reading and writing the frame.
        using var frame = new TestFrame(TestImages.LoadFacePhoto());
        var box = new Rect(200, 100, 20, 16);
        var before = frame.Y;
        using var expected = new Mat(box.Height, box.Width, MatType.CV_8UC1);
        for (int y = 0; y < box.Height; y++)
            for (int x = 0; x < box.Width; x++) expected.Set(y, x, before[box.X + x, box.Y + y]);
        using var kernel = Cv2.GetGaussianKernel(31, 5, MatType.CV_32F)!;
        Cv2.SepFilter2D(expected, expected, MatType.CV_8U, kernel, kernel, null, 0, BorderTypes.Reflect101);
        using var redactor = new PlaneRedactor(Exact(RedactionStyle.Blur));

        redactor.Redact(frame.Planes, Region(box));

        var after = frame.Y;
        for (int y = 0; y < box.Height; y++)
            for (int x = 0; x < box.Width; x++)
                Assert.Equal(expected.At<byte>(y, x), after[box.X + x, box.Y + y]);
    }

    [Fact]
    public void Pixelate_blocks_are_at_least_two_pixels_for_small_regions()
    {
        using var frame = new TestFrame(TestImages.Photo(64, 48));
        var box = new Rect(10, 10, 10, 6);
        using var redactor = new PlaneRedactor(Exact(RedactionStyle.Pixelate));

        redactor.Redact(frame.Planes, Region(box));

        for (int y = box.Top; y < box.Bottom; y += 2)
            for (int x = box.Left; x < box.Right; x += 2)
                Assert.Equal(frame.Y[x, y], frame.Y[x + 1, y + 1]);
    }

    [Fact]
    public void Fill_writes_black_by_default_on_all_planes()
    {
        using var frame = new TestFrame(TestImages.LoadFacePhoto());
        using var redactor = new PlaneRedactor(Exact(RedactionStyle.Fill));

        redactor.Redact(frame.Planes, Region(Face));

        AssertConstant(frame.Y, Face, 16);
        AssertConstant(frame.U, ChromaCover(Face), 128);
        AssertConstant(frame.V, ChromaCover(Face), 128);
    }

    [Fact]
    public void Fill_uses_the_configured_colour()
    {
        using var frame = new TestFrame(TestImages.LoadFacePhoto());
        using var redactor = new PlaneRedactor(Exact(RedactionStyle.Fill) with { FillColor = new YuvColor(100, 90, 160) });

        redactor.Redact(frame.Planes, Region(Face));

        AssertConstant(frame.Y, Face, 100);
        AssertConstant(frame.U, ChromaCover(Face), 90);
        AssertConstant(frame.V, ChromaCover(Face), 160);
    }

    [Fact]
    public void Margin_grows_the_box_by_a_fraction_of_its_size_plus_pixels()
    {
        using var frame = new TestFrame(TestImages.LoadFacePhoto());
        var y0 = frame.Y;
        // 100x50 box, 10 % and 2 px: 12 px more left and right, 7 px more above and below.
        var options = new RedactionOptions { Style = RedactionStyle.Fill, MarginFraction = 0.1, MarginPixels = 2 };
        using var redactor = new PlaneRedactor(options);

        redactor.Redact(frame.Planes, Region(new Rect(150, 80, 100, 50)));

        var grown = new Rect(138, 73, 124, 64);
        AssertConstant(frame.Y, grown, 16);
        Assert.Equal(0, frame.Y.CountChangedOutside(y0, (x, y) => grown.Contains(x, y)));
    }

    [Theory]
    [InlineData(RedactionStyle.Fill)]
    [InlineData(RedactionStyle.Mosaic)]
    [InlineData(RedactionStyle.Blur)]
    public void Polygon_leaves_its_bounding_box_outside_the_polygon_untouched(RedactionStyle style)
    {
        using var frame = new TestFrame(TestImages.LoadFacePhoto());
        var (y0, u0) = (frame.Y, frame.U);
        // Right triangle with corners (100,40), (260,40), (100,200): inside when dx + dy <= 160.
        var region = RedactionRegion.FromPolygon([(100, 40), (260, 40), (100, 200)], "triangle");
        using var redactor = new PlaneRedactor(Exact(style));

        redactor.Redact(frame.Planes, region);

        // Pixels clearly beyond the hypotenuse, inside the bounding box, are untouched.
        bool NearTriangle(int x, int y) => x >= 100 && y >= 40 && (x - 100) + (y - 40) <= 162;
        Assert.Equal(0, frame.Y.CountChangedOutside(y0, NearTriangle));
        Assert.Equal(0, frame.U.CountChangedOutside(u0, (x, y) => NearTriangle(2 * x, 2 * y) || NearTriangle(2 * x + 1, 2 * y + 1)));
        var inside = new Rect(110, 50, 60, 60);
        Assert.True(frame.Y.CountChanged(y0, inside) > inside.Width * inside.Height / 2);
        if (style == RedactionStyle.Fill)
        {
            AssertConstant(frame.Y, inside, 16);
            AssertConstant(frame.U, new Rect(55, 25, 30, 30), 128);
        }
    }

    [Fact]
    public void Polygon_margin_grows_the_polygon()
    {
        using var frame = new TestFrame(TestImages.LoadFacePhoto());
        var region = RedactionRegion.FromPolygon([(100, 40), (260, 40), (100, 200)], "triangle");
        using var redactor = new PlaneRedactor(new RedactionOptions { Style = RedactionStyle.Fill, MarginFraction = 0, MarginPixels = 6 });

        redactor.Redact(frame.Planes, region);

        Assert.Equal(16, frame.Y[96, 100]);  // 4 px left of the vertical edge
        Assert.Equal(16, frame.Y[150, 36]);  // 4 px above the top edge
        Assert.NotEqual(16, frame.Y[85, 100]);
    }

    [Theory]
    [InlineData(RedactionStyle.Blur)]
    [InlineData(RedactionStyle.Mosaic)]
    [InlineData(RedactionStyle.Pixelate)]
    [InlineData(RedactionStyle.Fill)]
    public void Odd_frame_sizes_and_regions_over_the_edges_are_clamped(RedactionStyle style)
    {
        using var photo = TestImages.Photo(401, 251);
        using var frame = new TestFrame(photo);
        using var redactor = new PlaneRedactor(Exact(style));
        Rect[] boxes = [new(-30, -20, 80, 60), new(370, 220, 100, 100), new(0, 0, 401, 251), new(400, 250, 1, 1), new(200, 0, 1, 251)];

        foreach (var box in boxes)
        {
            var (y0, u0, v0) = (frame.Y, frame.U, frame.V);
            redactor.Redact(frame.Planes, Region(box));
            var inFrame = Rect.Intersect(box, new Rect(0, 0, 401, 251));
            var chroma = ChromaCover(inFrame);
            Assert.Equal(0, frame.Y.CountChangedOutside(y0, (x, y) => inFrame.Contains(x, y)));
            Assert.Equal(0, frame.U.CountChangedOutside(u0, (x, y) => chroma.Contains(x, y)));
            Assert.Equal(0, frame.V.CountChangedOutside(v0, (x, y) => chroma.Contains(x, y)));
        }
        if (style == RedactionStyle.Fill)
        {
            AssertConstant(frame.Y, new Rect(0, 0, 401, 251), 16);
            AssertConstant(frame.V, new Rect(0, 0, 201, 126), 128);
        }
    }

    [Fact]
    public void Regions_wholly_outside_the_frame_are_ignored()
    {
        using var frame = new TestFrame(TestImages.LoadFacePhoto());
        var (y0, u0) = (frame.Y, frame.U);
        using var redactor = new PlaneRedactor(Exact(RedactionStyle.Fill));

        redactor.Redact(frame.Planes, [Region(new Rect(400, 0, 50, 50)), Region(new Rect(-60, -60, 50, 50)),
            Region(new Rect(10, 10, 0, 5)), RedactionRegion.FromPolygon([(500, 500), (600, 500), (550, 600)])]);

        Assert.Equal(0, frame.Y.CountChangedOutside(y0, (_, _) => false));
        Assert.Equal(0, frame.U.CountChangedOutside(u0, (_, _) => false));
    }

    [Fact]
    public void A_list_redacts_every_region()
    {
        using var frame = new TestFrame(TestImages.LoadFacePhoto());
        using var redactor = new PlaneRedactor(Exact(RedactionStyle.Fill));
        var a = new Rect(10, 10, 30, 30);
        var b = new Rect(300, 150, 40, 20);

        redactor.Redact(frame.Planes, [Region(a), Region(b)]);

        AssertConstant(frame.Y, a, 16);
        AssertConstant(frame.Y, b, 16);
    }

    [Fact]
    public void The_same_redactor_serves_many_sizes_in_a_row()
    {
        using var frame = new TestFrame(TestImages.Photo(1280, 720));
        using var redactor = new PlaneRedactor();
        var y0 = frame.Y;

        foreach (var side in new[] { 8, 300, 64, 700, 17 })
            redactor.Redact(frame.Planes, RedactionRegion.FromPolygon([(10, 10), (10 + side, 10), (10, 10 + side)]));
        redactor.Redact(frame.Planes, Region(new Rect(0, 0, 1280, 720)));

        Assert.True(frame.Y.LaplacianVariance(new Rect(0, 0, 1280, 720)) < 0.1 * y0.LaplacianVariance(new Rect(0, 0, 1280, 720)));
    }

    [Fact]
    public void A_disposed_redactor_refuses_work()
    {
        using var frame = new TestFrame(TestImages.LoadFacePhoto());
        var redactor = new PlaneRedactor();
        redactor.Dispose();
        redactor.Dispose();

        Assert.Throws<ObjectDisposedException>(() => redactor.Redact(frame.Planes, Region(Face)));
    }

    [Fact]
    public void Bad_options_fail_at_construction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlaneRedactor(new RedactionOptions { MarginFraction = -0.1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlaneRedactor(new RedactionOptions { MarginPixels = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlaneRedactor(new RedactionOptions { Style = (RedactionStyle)42 }));
    }

    [Fact]
    public void Mosaic_is_the_default_style()
    {
        Assert.Equal(RedactionStyle.Mosaic, default(RedactionStyle));
        Assert.Equal(RedactionStyle.Mosaic, RedactionOptions.Default.Style);
    }

    internal static RedactionRegion Region(Rect r) => RedactionRegion.Rectangle(new PixelRect(r.X, r.Y, r.Width, r.Height), "test");

    internal static Rect ChromaCover(Rect luma)
    {
        int x0 = luma.X / 2, y0 = luma.Y / 2;
        return new Rect(x0, y0, (luma.Right + 1) / 2 - x0, (luma.Bottom + 1) / 2 - y0);
    }

    internal static void AssertConstant(PlaneImage plane, Rect r, byte value)
    {
        for (int y = r.Top; y < r.Bottom; y++)
            for (int x = r.Left; x < r.Right; x++)
                if (plane[x, y] != value) Assert.Fail($"pixel ({x},{y}) is {plane[x, y]}, expected {value}");
    }
}

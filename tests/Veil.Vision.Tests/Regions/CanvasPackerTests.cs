using Veil.Core.Detections;
using Veil.Core.Geometry;
using Veil.Vision.Regions;

namespace Veil.Vision.Tests.Regions;

public sealed class CanvasPackerTests
{
    [Fact]
    public void Regions_are_packed_apart_with_a_gap_and_every_source_pixel_is_placed()
    {
        var regions = new List<PixelRect> { new(0, 0, 200, 150), new(500, 300, 96, 96), new(100, 600, 300, 100), new(900, 50, 64, 64), new(700, 400, 250, 200) };
        var canvases = new List<PackedCanvas>();
        new CanvasPacker().Pack(regions, 1f, 704, 448, canvases);
        var placed = canvases.SelectMany(c => c.Placements.Select(p => (Canvas: c, p))).ToList();
        Assert.Equal(regions.Count, placed.Count);
        Assert.Equal(regions.OrderBy(r => r.X), placed.Select(x => x.p.Source).OrderBy(r => r.X));
        foreach (var (canvas, p) in placed)
        {
            Assert.True(p.X >= CanvasPacker.Gap && p.Y >= CanvasPacker.Gap && p.X + p.Width + CanvasPacker.Gap <= canvas.Width && p.Y + p.Height + CanvasPacker.Gap <= canvas.Height,
                $"{p} is not inside its {canvas.Width}x{canvas.Height} canvas with a gap");
            Assert.Equal(0, canvas.Width % 64);
            Assert.Equal(0, canvas.Height % 64);
            foreach (var q in canvas.Placements.Where(q => q != p))
            {
                var a = new PixelRect(p.X - CanvasPacker.Gap, p.Y - CanvasPacker.Gap, p.Width + CanvasPacker.Gap, p.Height + CanvasPacker.Gap);
                Assert.True(a.Intersect(new PixelRect(q.X, q.Y, q.Width, q.Height)).IsEmpty, $"{p} and {q} are closer than the gap");
            }
        }
    }

    [Fact]
    public void A_region_wider_than_a_canvas_is_cut_into_overlapping_strips_that_cover_it()
    {
        var wide = new PixelRect(0, 100, 1280, 200);
        var canvases = new List<PackedCanvas>();
        new CanvasPacker().Pack([wide], 1f, 704, 448, canvases);
        var pieces = canvases.SelectMany(c => c.Placements).Select(p => p.Source).OrderBy(r => r.X).ToList();
        Assert.True(pieces.Count >= 2);
        Assert.Equal(0, pieces[0].X);
        Assert.Equal(1280, pieces[^1].Right);
        for (int i = 1; i < pieces.Count; i++) Assert.True(pieces[i - 1].Right - pieces[i].X >= 96, "strips must overlap by more than a wide plate");
    }

    [Fact]
    public void A_detection_maps_back_through_its_region_and_one_in_a_gap_is_dropped()
    {
        var canvases = new List<PackedCanvas>();
        new CanvasPacker().Pack([new PixelRect(600, 300, 100, 80)], 2f, 704, 448, canvases);
        var canvas = Assert.Single(canvases);
        var p = Assert.Single(canvas.Placements);
        var found = new List<Detection>();
        // A 20x10 box 10 px into the placed region is 5x... at scale 2: 10x5 at 5 px into the source.
        PackedBoxes.AddMapped(canvas, new Detection(new BoxF(p.X + 10, p.Y + 10, 20, 10), ObjectClass.Text, 0.9f), found);
        PackedBoxes.AddMapped(canvas, new Detection(new BoxF(0, 0, 4, 4), ObjectClass.Text, 0.9f), found);
        var d = Assert.Single(found);
        Assert.Equal(new BoxF(605, 305, 10, 5), d.Box);
    }
}

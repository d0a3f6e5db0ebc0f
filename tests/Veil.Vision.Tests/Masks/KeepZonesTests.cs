using Veil.Core.Detections;
using Veil.Vision.Masks;

namespace Veil.Vision.Tests.Masks;

/// <summary>
/// The keep rule: a text (plate) detection is dropped, so never redacted, when at least 80 % of its
/// middle (the central half of its width and height) lies inside one zone; other classes never are.
/// </summary>
public sealed class KeepZonesTests
{
    private const int W = 1280, H = 720;

    // The top-left strip where a recorder burns in its timestamp.
    private static readonly KeepZone Timestamp = new(new PrivacyMask("timestamp", new MaskRect(0, 0, 0.35, 0.1), MaskUnits.Relative));

    [Fact]
    public void Text_inside_a_zone_is_removed_and_faces_heads_and_people_there_stay()
    {
        var zones = new KeepZones([Timestamp]);
        var text = new BoxF(10, 10, 400, 50);
        var detections = new List<Detection>
        {
            new(text, ObjectClass.Plate, 0.9f),
            new(new BoxF(300, 10, 40, 50), ObjectClass.Face, 0.9f),
            new(new BoxF(300, 5, 40, 40), ObjectClass.Head, 0.6f),
            new(new BoxF(280, 0, 80, 70), ObjectClass.Person, 0.8f),
            new(new BoxF(700, 400, 120, 40), ObjectClass.Plate, 0.9f), // a plate on the road
        };

        int removed = zones.RemoveKept(detections, W, H);

        Assert.Equal(1, removed);
        Assert.DoesNotContain(detections, d => d.Box == text);
        Assert.Equal([ObjectClass.Face, ObjectClass.Head, ObjectClass.Person, ObjectClass.Plate], detections.Select(d => d.Class));
    }

    [Fact]
    public void The_margin_grown_around_the_characters_does_not_push_text_out_of_a_snug_zone()
    {
        // Characters at 16..434 x 16..52 in a zone drawn 448 x 72 around them; the plate box grown from
        // them (a fifth a side, half above, 30 % below) reaches past the zone and the frame's top.
        var zones = new KeepZones([Timestamp]);
        var characters = new BoxF(16, 16, 418, 36);
        var grown = characters.Grow(0.2f * 418, 0.5f * 36, 0.2f * 418, 0.3f * 36);

        Assert.True(grown.Right > 448 && grown.Y < 0, "the grown box must stick out for this test to mean anything");
        Assert.True(zones.IsKept(grown, W, H));
    }

    [Theory]
    [InlineData(0.80, true)]
    [InlineData(0.78, false)]
    [InlineData(0.50, false)]
    public void Text_is_kept_from_80_percent_of_its_middle_inside(double shareInside, bool kept)
    {
        // A 400 x 40 box whose middle (200 x 20, from x + 100) crosses the zone's right edge at 448.
        float middleLeft = (float)(448 - shareInside * 200);
        var box = new BoxF(middleLeft - 100, 20, 400, 40);

        Assert.Equal(kept, new KeepZones([Timestamp]).IsKept(box, W, H));
    }

    [Fact]
    public void Polygon_zones_count_the_area_inside_the_polygon_not_its_bounds()
    {
        // An L along the bottom and up the left side: its bounds hold the whole corner, the L does not.
        var shape = new PrivacyMask("L caption", [new(0, 600), new(0, 720), new(600, 720), new(600, 680), new(60, 680), new(60, 600)]);
        var zones = new KeepZones([new KeepZone(shape)]);

        Assert.True(zones.IsKept(new BoxF(40, 684, 500, 32), W, H));    // along the bottom bar
        Assert.False(zones.IsKept(new BoxF(200, 610, 300, 40), W, H));  // in the bounds, above the bar
        Assert.True(zones.IsKept(new BoxF(0, 600, 64, 80), W, H));      // up the side
    }

    [Fact]
    public void Relative_zones_follow_the_frame_size()
    {
        var zones = new KeepZones([Timestamp]);
        var box = new BoxF(10, 10, 400, 50);

        Assert.True(zones.IsKept(box, W, H));
        Assert.False(zones.IsKept(box, 640, 360)); // 0.35 of 640 is 224 px: most of the box is outside
    }

    [Fact]
    public void Carried_text_boxes_are_filtered_like_detections()
    {
        var carried = new List<Detection> { new(new BoxF(20, 8, 380, 48), ObjectClass.Plate, 0.5f), new(new BoxF(20, 8, 380, 48), ObjectClass.Text, 0.5f) };

        Assert.Equal(2, new KeepZones([Timestamp]).RemoveKept(carried, W, H));
        Assert.Empty(carried);
    }

    [Fact]
    public void No_zones_remove_nothing()
    {
        var detections = new List<Detection> { new(new BoxF(10, 10, 400, 50), ObjectClass.Plate, 0.9f) };

        Assert.Equal(0, new KeepZones([]).RemoveKept(detections, W, H));
        Assert.Single(detections);
    }

    [Fact]
    public void A_zone_outside_the_frame_or_over_a_quarter_of_it_fails_at_start_naming_it()
    {
        var outside = new KeepZones([new KeepZone(new PrivacyMask("clock", new MaskRect(1500, 0, 200, 40)))]);
        var e = Assert.Throws<ArgumentException>(() => outside.RegionsFor(W, H));
        Assert.Contains("keep zone \"clock\"", e.Message);
        Assert.Contains("lies outside the 1280x720 frame", e.Message);

        // 300 x 200 px is 26 % of 640 x 360 (fine at 1280 x 720, where it is 6.5 %).
        var big = new KeepZones([new KeepZone(new PrivacyMask("banner", new MaskRect(0, 0, 300, 200)))]);
        big.RegionsFor(W, H);
        e = Assert.Throws<ArgumentException>(() => big.RegionsFor(640, 360));
        Assert.Equal("keep zone \"banner\" covers 26 % of the 640x360 frame; a keep zone is for a burned-in overlay and may cover at most 25 % of it", e.Message);
    }
}

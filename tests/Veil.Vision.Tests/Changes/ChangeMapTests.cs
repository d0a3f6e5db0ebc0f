using OpenCvSharp;
using Veil.Core.Geometry;
using Veil.Vision.Changes;
using Veil.Vision.Tests.Support;

namespace Veil.Vision.Tests.Changes;

public sealed class ChangeMapTests
{
    private const int W = 1280, H = 720;

    /// <summary>A textured background (seeded noise blurred a little, as a camera's picture is) with a bright square drawn at x.</summary>
    private static Mat Scene(int squareX, int brightness = 0, int seed = 7)
    {
        var bytes = new byte[W * H * 3];
        new Random(seed).NextBytes(bytes);
        using var noise = Mat.FromPixelData(H, W, MatType.CV_8UC3, bytes);
        var bgr = new Mat();
        Cv2.GaussianBlur(noise, bgr, new Size(0, 0), 2);
        if (squareX >= 0) Cv2.Rectangle(bgr, new Rect(squareX, 300, 60, 40), Scalar.All(250), -1);
        if (brightness != 0) Cv2.Add(bgr, Scalar.All(brightness), bgr);
        return bgr;
    }

    private static (ChangeSummary Summary, List<PixelRect> Regions, List<PixelRect> Detailed) Feed(ChangeMap map, Mat bgr)
    {
        var (summary, regions, detailed, _) = FeedCarried(map, bgr);
        return (summary, regions, detailed);
    }

    private static (ChangeSummary Summary, List<PixelRect> Regions, List<PixelRect> Detailed, List<PixelRect> Carried) FeedCarried(ChangeMap map, Mat bgr)
    {
        using var frame = new TestFrame(bgr);
        var regions = new List<PixelRect>();
        var detailed = new List<PixelRect>();
        var carried = new List<PixelRect>();
        return (map.Update(frame.Planes, regions, detailed, carried), regions, detailed, carried);
    }

    [Fact]
    public void A_still_picture_has_no_change_and_the_first_frame_is_a_cut()
    {
        var map = new ChangeMap();
        using var still = Scene(-1);
        Assert.True(Feed(map, still).Summary.Cut);
        var (summary, regions, _) = Feed(map, still);
        Assert.False(summary.Cut);
        Assert.Empty(regions);
    }

    [Fact]
    public void A_moving_square_gives_one_region_that_holds_it_whole()
    {
        var map = new ChangeMap();
        using (var first = Scene(400)) Feed(map, first);
        using var moved = Scene(412);
        var (summary, regions, _) = Feed(map, moved);
        Assert.False(summary.Cut);
        var region = Assert.Single(regions);
        var square = new PixelRect(400, 300, 72, 40); // where it was and where it is
        Assert.Equal(square, region.Intersect(square));
        Assert.True(region.Area < 4 * ChangeRegionsMinArea, $"region {region} is far larger than the square");
    }

    private const int ChangeRegionsMinArea = 96 * 96;

    [Fact]
    public void An_exposure_jump_and_a_new_scene_are_cuts_not_motion()
    {
        var map = new ChangeMap();
        using (var first = Scene(-1)) Feed(map, first);
        using (var brighter = Scene(-1, brightness: 30)) Assert.True(Feed(map, brighter).Summary.Cut);
        using (var same = Scene(-1, brightness: 30)) Assert.False(Feed(map, same).Summary.Cut);
        using var other = Scene(-1, seed: 99);
        Cv2.Flip(other, other, FlipMode.XY); // another picture altogether
        Assert.True(Feed(map, other).Summary.Cut);
    }

    /// <summary>The scene with its left <paramref name="share"/> covered by a pattern of 16 px cells of random grey, moved 16 px a frame: a crowd, as the block means see it.</summary>
    private static Mat Busy(int frame, float share)
    {
        var bgr = Scene(-1);
        var rng = new Random(11);
        var cells = new byte[(H / 16) * (W / 16 + 64)];
        rng.NextBytes(cells);
        using var pattern = Mat.FromPixelData(H / 16, W / 16 + 64, MatType.CV_8UC1, cells);
        using var big = new Mat();
        Cv2.Resize(pattern, big, new Size(pattern.Width * 16, H), interpolation: InterpolationFlags.Nearest);
        using var moved = new Mat(big, new Rect(16 * frame, 0, (int)(W * share), H));
        using var colour = new Mat();
        Cv2.CvtColor(moved, colour, ColorConversionCodes.GRAY2BGR);
        using (var at = new Mat(bgr, new Rect(0, 0, colour.Width, H))) colour.CopyTo(at);
        return bgr;
    }

    [Fact]
    public void A_crowd_changing_half_the_picture_on_every_frame_is_no_cut_but_a_new_scene_within_it_is()
    {
        var map = new ChangeMap();
        float[] shares = [0.45f, 0.5f, 0.45f, 0.58f, 0.48f, 0.6f, 0.5f, 0.62f, 0.47f, 0.55f];
        for (int f = 0; f < shares.Length; f++)
        {
            using var busy = Busy(f, shares[f]);
            var (summary, regions, _) = Feed(map, busy);
            if (f < 2) continue; // the first frame is a cut, the second has no share before it to rise from
            Assert.True(summary.ChangedShare > 0.4f, $"frame {f}: the moving pattern changed only {summary.ChangedShare:P0} of the blocks");
            Assert.False(summary.Cut, $"frame {f}: a change of {summary.ChangedShare:P0} after a busy frame is no cut");
            Assert.NotEmpty(regions);
        }
        using var other = Busy(40, 1f); // another picture altogether
        Cv2.Flip(other, other, FlipMode.XY);
        var cut = Feed(map, other).Summary;
        Assert.True(cut.Cut, $"a new scene in the middle of a crowd is a cut ({cut.ChangedShare:P0} of the blocks changed)");
    }

    [Fact]
    public void A_line_of_text_whose_last_characters_change_goes_to_the_text_model_whole()
    {
        var map = new ChangeMap();
        using var flat = new Mat(H, W, MatType.CV_8UC3, Scalar.All(90));
        // A burned-in clock: characters (thin strokes) from x 100 to 520; only its seconds change.
        Mat Clock(int seconds)
        {
            var frame = flat.Clone();
            for (int x = 100; x < 460; x += 8) Cv2.Rectangle(frame, new Rect(x, 300, 3, 28), Scalar.All(240), -1);
            for (int x = 460; x < 520; x += 8 << (seconds % 2)) Cv2.Rectangle(frame, new Rect(x, 300, 3, 28), Scalar.All(240), -1); // other digits, other strokes
            return frame;
        }
        using (var first = Clock(0)) Feed(map, first);
        using var next = Clock(1);
        var (_, regions, detailed) = Feed(map, next);

        var changed = Assert.Single(regions);
        Assert.True(changed.X > 300, $"only the seconds changed, yet the change is {changed}");
        var line = new PixelRect(100, 300, 420, 28);
        var text = Assert.Single(detailed);
        Assert.Equal(line, text.Intersect(line));
    }

    [Fact]
    public void A_small_plate_moving_along_a_hedge_keeps_a_region_of_its_own_size()
    {
        var map = new ChangeMap();
        using var street = new Mat(H, W, MatType.CV_8UC3, Scalar.All(90));
        // A band of foliage across the frame: detailed everywhere, the way a line of text is.
        var rng = new Random(3);
        for (int x = 0; x < W; x += 5) Cv2.Rectangle(street, new Rect(x, 380 + rng.Next(8), 2, 40), Scalar.All(150 + rng.Next(100)), -1);
        Mat Plate(int at)
        {
            var frame = street.Clone();
            Cv2.Rectangle(frame, new Rect(at, 388, 48, 20), Scalar.All(230), -1);
            for (int x = at + 4; x < at + 44; x += 6) Cv2.Rectangle(frame, new Rect(x, 392, 2, 12), Scalar.All(10), -1);
            return frame;
        }
        using (var first = Plate(600)) Feed(map, first);
        using var moved = Plate(610);
        var (_, _, detailed, carried) = FeedCarried(map, moved);

        var plate = new PixelRect(610, 388, 48, 20);
        Assert.True(Assert.Single(detailed).Width > 400, "the hedge could be a line of text: it is read whole");
        // Read enlarged only when small: inside the hedge's region, its characters would be too small to find.
        var region = Assert.Single(carried);
        Assert.Equal(plate, region.Intersect(plate));
        Assert.True(region.Width < 192, $"the plate's own region {region} grew along the hedge");
    }

    [Fact]
    public void Only_the_detailed_part_of_a_change_goes_to_the_text_model()
    {
        var map = new ChangeMap();
        using var flat = new Mat(H, W, MatType.CV_8UC3, Scalar.All(90));
        using (var first = flat.Clone()) Feed(map, first);
        // A large smooth grey car body moves in, carrying a small striped plate.
        using var frame = flat.Clone();
        Cv2.Rectangle(frame, new Rect(300, 200, 400, 250), Scalar.All(140), -1);
        for (int x = 460; x < 540; x += 6) Cv2.Rectangle(frame, new Rect(x, 400, 3, 20), Scalar.All(10), -1);
        var (_, regions, detailed) = Feed(map, frame);
        var body = Assert.Single(regions);
        var plate = Assert.Single(detailed);
        Assert.Equal(new PixelRect(460, 400, 80, 20), plate.Intersect(new PixelRect(460, 400, 80, 20)));
        Assert.True(plate.Area * 4 < body.Area, $"the text region {plate} should be a small part of the change {body}");
    }
}

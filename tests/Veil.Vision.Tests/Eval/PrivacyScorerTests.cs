using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Veil.TestSupport;
using Veil.Vision.Eval;

namespace Veil.Vision.Tests.Eval;

/// <summary>
/// <see cref="PrivacyScorer"/> and <see cref="LabelSet"/> against hand-computed cases, then against
/// ../shared/eval/score.py itself on random label and box sets (fixed seeds): every field equal.
/// </summary>
public sealed class PrivacyScorerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("veil-scorer-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static RedactedImage Out(string image, int w, int h, params (double X, double Y, double W, double H)[] boxes)
        => new(image, w, h, boxes.Select(b => new RedactedBox(b.X, b.Y, b.W, b.H, "face", 0.9)).ToArray());

    private static Dictionary<string, RedactedImage> Outputs(params RedactedImage[] images) => images.ToDictionary(i => i.Image);

    private static (int, int) NoImageFiles(string image) => throw new InvalidOperationException($"size of {image} should come from the labels");

    /// <summary>Writes labels.csv (with img_w,img_h unless <paramref name="withSizes"/> is false) and reads it back.</summary>
    private LabelSet Labels(string rows, bool withSizes = true, string? onlyClass = null)
    {
        var path = Path.Combine(_root, $"labels-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, (withSizes ? "image,x,y,w,h,class,img_w,img_h\n" : "image,x,y,w,h,class\n") + rows);
        return LabelSet.Read(path, onlyClass);
    }

    [Fact]
    public void An_object_exactly_70_percent_covered_counts_as_covered_and_69_percent_leaks()
    {
        // A 100x20 face (2000 px): 70 whole columns are 1400 px = 70 %, 69 columns 1380 px = 69 %.
        var labels = Labels("a.png,0,0,100,20,face,200,50\nb.png,0,0,100,20,face,200,50\n");
        var outputs = Outputs(Out("a.png", 200, 50, (0, 0, 70, 20)), Out("b.png", 200, 50, (0, 0, 69, 20)));

        var score = PrivacyScorer.Score(labels, outputs, NoImageFiles);

        Assert.Equal(new PrivacyScore(Objects: 2, Covered: 1, LeakRate: 0.5, OverRedactionMean: 0, Images: 2, ImagesWithoutOutput: 0, SizeMismatch: 0), score);
    }

    [Fact]
    public void Coverage_is_the_union_of_overlapping_boxes_not_their_sum()
    {
        // Two boxes of 50 columns overlapping by 30: union 70 columns = 70 % (their sum, 100 %, would also pass,
        // so the second image overlaps 40: union 60 columns, sum 100 %, must leak).
        var labels = Labels("a.png,0,0,100,20,face,200,50\nb.png,0,0,100,20,face,200,50\n");
        var outputs = Outputs(
            Out("a.png", 200, 50, (0, 0, 50, 20), (20, 0, 50, 20)),
            Out("b.png", 200, 50, (0, 0, 50, 20), (10, 0, 50, 20)));

        var score = PrivacyScorer.Score(labels, outputs, NoImageFiles);

        Assert.Equal(2, score.Objects);
        Assert.Equal(1, score.Covered);
    }

    [Fact]
    public void Objects_under_16_px_are_not_counted_but_their_area_is_not_over_redaction()
    {
        // 15x15 is not counted; 15x16 is (the longer side decides). Both are redacted exactly, so nothing
        // lies outside the labels, and a 10x10 box over empty background is the only over-redaction.
        var labels = Labels(
            "a.png,10,10,15,15,face,100,100\n" +
            "a.png,50,10,15,16,face,100,100\n");
        var outputs = Outputs(Out("a.png", 100, 100, (10, 10, 15, 15), (50, 10, 15, 16), (0, 80, 10, 10)));

        var score = PrivacyScorer.Score(labels, outputs, NoImageFiles);

        Assert.Equal(1, score.Objects);
        Assert.Equal(1, score.Covered);
        Assert.Equal(0.0, score.LeakRate);
        Assert.Equal(0.01, score.OverRedactionMean); // 100 px of 10,000
    }

    [Fact]
    public void A_set_of_only_small_objects_has_no_leak_rate()
    {
        var labels = Labels("a.png,10,10,12,12,face,100,100\n");

        var score = PrivacyScorer.Score(labels, Outputs(Out("a.png", 100, 100)), NoImageFiles);

        Assert.Equal(0, score.Objects);
        Assert.Null(score.LeakRate);
        Assert.Equal(0.0, score.OverRedactionMean);
    }

    [Fact]
    public void Fractional_and_negative_coordinates_are_cut_to_whole_pixels_as_score_py_does()
    {
        // Label (-5.5, 3.7, 20.2 x 20.6): int() toward zero then max 0 → x0 = 0, y0 = 3; ceil → x1 = 15, y1 = 25:
        // 15 x 22 = 330 px. Box (-1.9, 3.9, 12.2 x 22): x0 = 0, y0 = 3, x1 = ceil(10.3) = 11, y1 = ceil(25.9) = 26.
        // Covered: 11 x 22 = 242 px = 73.3 % → covered. Outside the label: row 25, 11 px of 100 x 50 = 0.0022.
        var labels = Labels("a.png,-5.5,3.7,20.2,20.6,face,100,50\n");
        var covered = PrivacyScorer.Score(labels, Outputs(Out("a.png", 100, 50, (-1.9, 3.9, 12.2, 22))), NoImageFiles);

        Assert.Equal(new PrivacyScore(1, 1, 0.0, 0.0022, 1, 0, 0), covered);

        // One column less (x1 = ceil(9.3) = 10): 10 x 22 = 220 px = 66.7 % → leaks.
        var leaked = PrivacyScorer.Score(labels, Outputs(Out("a.png", 100, 50, (-1.9, 3.9, 11.2, 22))), NoImageFiles);
        Assert.Equal(0, leaked.Covered);
        Assert.Equal(1.0, leaked.LeakRate);
    }

    [Fact]
    public void A_corner_just_below_a_pixel_edge_floors_and_a_far_edge_just_above_ceils()
    {
        // Label 20x20 at (10,10). A box from x 10.99 to 23.01 covers pixel columns 10..23: 14 of 20 = 70 %, covered.
        // A scorer that rounded the corner (11) or the far edge (23) to nearest would see 13 columns (65 %): a leak.
        var labels = Labels("a.png,10,10,20,20,face,64,64\n");

        var score = PrivacyScorer.Score(labels, Outputs(Out("a.png", 64, 64, (10.99, 10, 12.02, 20))), NoImageFiles);

        Assert.Equal(1, score.Covered);
    }

    [Fact]
    public void Labels_and_boxes_wholly_outside_the_image_are_ignored()
    {
        // A 20x20 label entirely left of the image has no pixels: not counted even though it is over 16 px.
        // A box entirely left of the image (far edge ceil(-0.5) = 0) redacts nothing.
        var labels = Labels(
            "a.png,-30,10,20,20,face,100,100\n" +
            "a.png,40,40,20,20,face,100,100\n");

        var score = PrivacyScorer.Score(labels, Outputs(Out("a.png", 100, 100, (-10, 0, 9.5, 100), (40, 40, 20, 20))), NoImageFiles);

        Assert.Equal(new PrivacyScore(1, 1, 0.0, 0.0, 1, 0, 0), score);
    }

    [Fact]
    public void An_image_without_output_counts_and_its_objects_leak()
    {
        var labels = Labels(
            "a.png,0,0,20,20,face,100,100\n" +
            "b.png,0,0,20,20,face,100,100\n" +
            "b.png,30,30,20,20,face,100,100\n");

        var score = PrivacyScorer.Score(labels, Outputs(Out("a.png", 100, 100, (0, 0, 20, 20))), NoImageFiles);

        Assert.Equal(new PrivacyScore(Objects: 3, Covered: 1, LeakRate: 0.6667, OverRedactionMean: 0, Images: 2, ImagesWithoutOutput: 1, SizeMismatch: 0), score);
    }

    [Fact]
    public void An_output_of_another_size_is_counted_and_scored_at_the_labels_size()
    {
        // a claims 200 wide, b 100x101 (only the height differs); the labels say 100x100. a's box is clipped to
        // 100x100 for scoring: its part beyond the label (20..100 x 0..20) is 1600 px of 10,000; b has none.
        var labels = Labels("a.png,0,0,20,20,face,100,100\nb.png,0,0,20,20,face,100,100\n");

        var score = PrivacyScorer.Score(labels,
            Outputs(Out("a.png", 200, 100, (0, 0, 200, 20)), Out("b.png", 100, 101, (0, 0, 20, 20))), NoImageFiles);

        Assert.Equal(new PrivacyScore(2, 2, 0.0, 0.08, 2, 0, SizeMismatch: 2), score);
    }

    [Fact]
    public void Without_size_columns_the_true_size_comes_from_the_callback()
    {
        var labels = Labels("a.png,0,0,20,20,face\n", withSizes: false);
        var asked = new List<string>();

        var score = PrivacyScorer.Score(labels, Outputs(Out("a.png", 50, 40, (0, 0, 20, 20), (30, 0, 10, 10))),
            image => { asked.Add(image); return (50, 40); });

        Assert.Equal(["a.png"], asked);
        Assert.Equal(0.05, score.OverRedactionMean); // 100 px of 2,000
        Assert.Equal(0, score.SizeMismatch);
    }

    [Fact]
    public void Over_redaction_is_the_mean_over_images_of_the_share_outside_every_label()
    {
        // a: a whole-image box over a 10x10 label: 9,900 of 10,000 px outside it = 0.99. b: nothing redacted: 0.
        var labels = Labels(
            "a.png,0,0,10,10,face,100,100\n" +
            "b.png,0,0,10,10,face,100,100\n");

        var score = PrivacyScorer.Score(labels, Outputs(Out("a.png", 100, 100, (0, 0, 100, 100)), Out("b.png", 100, 100)), NoImageFiles);

        Assert.Equal(0.495, score.OverRedactionMean);
        Assert.Equal(0, score.Objects); // 10 px objects are not counted
    }

    [Fact]
    public void Label_set_drops_boxes_without_area_and_filters_by_class()
    {
        var labels = Labels(
            "a.png,0,0,0,20,face,100,100\n" +  // no width: dropped, and a.png has nothing else
            "b.png,0,0,20,20,face,100,100\n" +
            "b.png,50,50,40,20,plate,100,100\n" +
            "c.png,5,5,20,-3,plate,100,100\n", // negative height: dropped
            onlyClass: "plate");

        Assert.Equal(["b.png"], labels.Images.Keys);
        Assert.Equal([new LabelBox(50, 50, 40, 20, "plate")], labels.Images["b.png"]);

        var all = Labels("a.png,0,0,0,20,face,100,100\nb.png,0,0,20,20,face,100,100\nb.png,50,50,40,20,plate,100,100\n");
        Assert.Equal(["b.png"], all.Images.Keys);
        Assert.Equal(2, all.Images["b.png"].Count);
        Assert.Equal((100, 100), all.Sizes["b.png"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Random_sets_score_exactly_as_score_py(int seed)
    {
        Assert.True(File.Exists(SharedData.ScoreScript), $"{SharedData.ScoreScript} is missing");
        var (csv, outputs) = RandomSet(new Random(seed), allowMismatch: seed % 2 == 0);
        var labelsPath = Path.Combine(_root, $"labels-{seed}.csv");
        var boxesPath = Path.Combine(_root, $"boxes-{seed}.jsonl");
        File.WriteAllText(labelsPath, csv);
        File.WriteAllLines(boxesPath, outputs.Values.Select(JsonLine));

        var expected = await ScorePy.RunAsync(labelsPath, boxesPath);
        var actual = PrivacyScorer.Score(LabelSet.Read(labelsPath), outputs, NoImageFiles);

        Assert.True(actual.Objects > 0, "the random set should count objects");
        Assert.True(actual.Covered > 0 && actual.Covered < actual.Objects, "the random set should both cover and leak");
        var differences = ScorePy.Differences(expected, JsonSerializer.SerializeToNode(actual)!.AsObject());
        Assert.True(differences.Count == 0, $"score.py {expected.ToJsonString()}\nveil      {JsonSerializer.Serialize(actual)}\n" + string.Join("\n", differences));
    }

    private static string JsonLine(RedactedImage image) => JsonSerializer.Serialize(new
    {
        image = image.Image,
        width = image.Width,
        height = image.Height,
        boxes = image.Boxes.Select(b => new { x = b.X, y = b.Y, w = b.W, h = b.H, @class = b.Class, score = b.Score }),
    });

    /// <summary>
    /// Images of random sizes with labels of every kind (small, fractional, partly or wholly outside, without area)
    /// and redaction boxes near each label (jittered so coverage falls on both sides of 70 %) plus stray boxes;
    /// some images have no output line, and with <paramref name="allowMismatch"/> some report another size.
    /// </summary>
    private static (string Csv, Dictionary<string, RedactedImage> Outputs) RandomSet(Random rng, bool allowMismatch)
    {
        var csv = new StringBuilder("image,x,y,w,h,class,img_w,img_h\n");
        var outputs = new Dictionary<string, RedactedImage>();
        string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        double Coord(int size) => rng.Next(4) == 0 ? Math.Round(rng.NextDouble() * size, 2) : rng.Next(-10, size);
        for (int i = 0; i < 24; i++)
        {
            string image = $"images/img{i:D3}.jpg";
            int w = rng.Next(40, 320), h = rng.Next(40, 240);
            var boxes = new List<RedactedBox>();
            int labelCount = rng.Next(1, 7);
            for (int j = 0; j < labelCount; j++)
            {
                double lw = rng.Next(6) == 0 ? rng.Next(3, 16) : rng.Next(16, 80) + (rng.Next(3) == 0 ? 0.5 : 0);
                double lh = rng.Next(6) == 0 ? rng.Next(3, 16) : rng.Next(16, 60) + (rng.Next(3) == 0 ? 0.3 : 0);
                if (rng.Next(15) == 0) lw = 0;
                double lx = Coord(w) - lw / 3, ly = Coord(h) - lh / 3;
                string cls = rng.Next(2) == 0 ? "face" : "plate";
                csv.Append($"{image},{F(lx)},{F(ly)},{F(lw)},{F(lh)},{cls},{w},{h}\n");
                if (rng.Next(5) == 0) continue; // missed
                // Cover roughly 55-100 % of the label's width, shifted a little.
                double share = 0.55 + rng.NextDouble() * 0.45;
                double bx = lx + (rng.NextDouble() - 0.5) * 4, by = ly + (rng.NextDouble() - 0.5) * 4;
                boxes.Add(new RedactedBox(Math.Round(bx, 1), Math.Round(by, 1), Math.Round(lw * share, 1), Math.Round(lh * (0.9 + rng.NextDouble() * 0.2), 1), cls, 0.5));
            }
            for (int k = rng.Next(3); k > 0; k--)
                boxes.Add(new RedactedBox(Coord(w), Coord(h), rng.Next(1, 60), rng.Next(1, 60), "face", 0.3));
            if (rng.Next(8) == 0) continue; // no output line for this image
            bool mismatch = allowMismatch && rng.Next(6) == 0;
            outputs[image] = new RedactedImage(image, mismatch && i % 2 == 0 ? w * 2 : w, mismatch && i % 2 == 1 ? h + 1 : h, boxes);
        }
        return (csv.ToString(), outputs);
    }
}

using System.Text.Json.Nodes;
using OpenCvSharp;
using Veil.TestSupport;
using Veil.Vision.Models;

namespace Veil.Server.Tests.Detection;

/// <summary>
/// `veil anonymize --classes`: `none` is the masks-only behaviour from before detection (no model is
/// even looked for), a full list is accepted, an unknown class is one clear line.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class ClassesOptionTests(ModelsFixture models) : IDisposable
{
    private static readonly string Image = Path.Combine(SharedData.FacesDev, "images", "maksssksksss0.jpg");

    /// <summary>The labelled faces of <see cref="Image"/> (faces-dev/labels.csv).</summary>
    private static readonly Rect[] Faces = [new(79, 105, 30, 37), new(185, 100, 41, 44), new(325, 90, 35, 51)];

    /// <summary>A mask away from every face: the bottom-right corner (someone's jacket and a phone-holding passer-by).</summary>
    private static readonly Rect Mask = new(412, 266, 100, 100);

    private readonly string _root = Directory.CreateTempSubdirectory("veil-classes-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task None_applies_the_masks_only_and_needs_no_models()
    {
        string output = Path.Combine(_root, "none.png");
        // No model cache and a manifest path that does not exist: any attempt to load a model would fail.
        var noModels = new Dictionary<string, string>
        {
            [ModelStore.CacheEnvironmentVariable] = Directory.CreateDirectory(Path.Combine(_root, "empty-cache")).FullName,
            [ModelManifest.EnvironmentVariable] = Path.Combine(_root, "no-such-manifest.json"),
        };

        var run = await VeilProcess.RunAsync(noModels, TimeSpan.FromMinutes(2),
            "anonymize", Image, "-o", output, "--classes", "none", "--mask", $"{Mask.X},{Mask.Y},{Mask.Width},{Mask.Height}");

        Assert.True(run.Succeeded, run.StdErr);
        Assert.Contains("no detection, 1 mask(s)", run.StdOut);
        using var before = Cv2.ImRead(Image);
        using var after = Cv2.ImRead(output);
        Assert.Equal(before.Size(), after.Size());
        Assert.True(ImageDetail.LaplacianVariance(after[Mask]) < 0.1 * ImageDetail.LaplacianVariance(before[Mask]), "the mask was not blurred");
        foreach (var face in Faces)
            Assert.True(Psnr(before[face], after[face]) > 30, $"face at {face} changed with --classes none (PSNR {Psnr(before[face], after[face]):0.0})");
        Assert.Empty(Directory.GetFiles(noModels[ModelStore.CacheEnvironmentVariable]));
    }

    [Fact]
    public async Task The_default_classes_redact_the_same_faces_that_none_leaves()
    {
        string output = Path.Combine(_root, "default.png");

        var run = await models.RunVeilAsync(TimeSpan.FromMinutes(2), "anonymize", Image, "-o", output);

        Assert.True(run.Succeeded, run.StdErr);
        Assert.Contains("redacted face,plate, 0 mask(s)", run.StdOut);
        using var before = Cv2.ImRead(Image);
        using var after = Cv2.ImRead(output);
        foreach (var face in Faces)
            Assert.True(Psnr(before[face], after[face]) < 25, $"face at {face} is not redacted by default (PSNR {Psnr(before[face], after[face]):0.0})");
    }

    [Fact]
    public async Task Face_plate_person_is_accepted_and_redacts_people_too()
    {
        string output = Path.Combine(_root, "all.png"), boxes = Path.Combine(_root, "boxes.jsonl");

        var run = await models.RunVeilAsync(TimeSpan.FromMinutes(2),
            "anonymize", Image, "-o", output, "--classes", "face, plate ,person", "--boxes-out", boxes);

        Assert.True(run.Succeeded, run.StdErr);
        Assert.Contains("redacted face,plate,person", run.StdOut);
        var line = JsonNode.Parse(File.ReadLines(boxes).Single())!;
        var classes = line["boxes"]!.AsArray().Select(b => (string)b!["class"]!).ToHashSet();
        Assert.Contains("person", classes);
        Assert.Contains("face", classes);
    }

    [Theory]
    [InlineData("bogus", "'bogus'")]
    [InlineData("face,cat", "'cat'")]
    public async Task An_unknown_class_is_one_line_listing_the_known_ones(string classes, string named)
    {
        string output = Path.Combine(_root, "bogus.png");

        var run = await VeilProcess.RunAsync(TimeSpan.FromSeconds(60), "anonymize", Image, "-o", output, "--classes", classes);

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(VeilProcess.ErrorLines(run));
        Assert.Equal($"veil: error: --classes \"{classes}\": {named} is not one of face, plate, person, none", error);
        Assert.False(File.Exists(output));
    }

    private static double Psnr(Mat a, Mat b) => Cv2.PSNR(a, b);
}

using Veil.Vision.Models;

namespace Veil.Vision.Tests.Models;

public sealed class ModelInputSpecTests
{
    private static readonly ModelInputSpec Dynamic = new() { Name = "input", Layout = ModelTensorLayout.Nchw, Colour = ModelColourOrder.Bgr };
    private static readonly ModelInputSpec Fixed416 = Dynamic with { Name = "images", Width = 416, Height = 416 };

    [Fact]
    public void Matching_shapes_pass()
    {
        Assert.Null(Dynamic.FindMismatch([1, 3, -1, -1]));
        Assert.Null(Dynamic.FindMismatch([-1, 3, 0, 0]));
        Assert.Null(Fixed416.FindMismatch([1, 3, 416, 416]));
        Assert.Null((Fixed416 with { Layout = ModelTensorLayout.Nhwc }).FindMismatch([1, 416, 416, 3]));
    }

    [Theory]
    [InlineData(new[] { 1, 3, 320, 416 }, "height is 320, the manifest says 416")]
    [InlineData(new[] { 1, 1, 416, 416 }, "1 channels, expected 3")]
    [InlineData(new[] { 1, 3, 416 }, "expected 4 axes")]
    [InlineData(new[] { 1, 3, -1, -1 }, "is dynamic, the manifest says 416")]
    public void A_fixed_input_that_differs_is_named(int[] dims, string expected)
    {
        var problem = Fixed416.FindMismatch(dims);
        Assert.NotNull(problem);
        Assert.StartsWith("input \"images\" has shape [", problem);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void A_fixed_graph_where_the_manifest_says_dynamic_is_named()
        => Assert.Contains("fixed at 640, the manifest says dynamic", Dynamic.FindMismatch([1, 3, 640, 640]));
}

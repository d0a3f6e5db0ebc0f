using Veil.Vision.Redaction;

namespace Veil.Vision.Tests.Redaction;

public sealed class RedactionKernelsTests
{
    [Theory]
    [InlineData(64, 64, 8, 8)]
    [InlineData(1280, 720, 8, 5)]
    [InlineData(118, 122, 8, 8)]
    [InlineData(10, 3, 5, 2)]
    [InlineData(1, 1, 1, 1)]
    [InlineData(3, 100, 1, 8)]
    public void Block_grid_has_at_most_eight_blocks_of_at_least_two_pixels(int w, int h, int across, int down)
    {
        Assert.Equal((across, down), RedactionKernels.BlockGrid(w, h));
    }

    [Theory]
    [InlineData(64, 48, 16)]
    [InlineData(1280, 720, 320)]
    [InlineData(2, 2, 1)]
    public void Blur_sigma_is_a_quarter_of_the_longer_side(int w, int h, double sigma)
    {
        Assert.Equal(sigma, RedactionKernels.BlurSigma(w, h));
    }
}

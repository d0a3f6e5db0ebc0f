using OpenCvSharp;
using Veil.Vision.Imaging;

namespace Veil.Vision.Redaction;

/// <summary>
/// The pixel operations, each from <c>src</c> into <c>dst</c> of the same size on one 8-bit plane;
/// <c>src</c> and <c>dst</c> may be the same memory. Owns the small scratch images and kernels it
/// reuses between calls, and calls OpenCV through its raw entry points, so a steady stream of
/// regions allocates no managed memory; one thread at a time.
/// </summary>
internal sealed unsafe class RedactionKernels : IDisposable
{
    // Above this sigma the blur runs on an area-downscaled copy: a sigma of hundreds of pixels at
    // full resolution costs thousands of multiply-adds a pixel and looks the same.
    private const double DirectSigmaLimit = 6;
    private const double ReducedSigma = 4;

    private readonly ScratchBuffer _small = new();
    private readonly ScratchBuffer _blocks = new();
    private readonly GaussianKernels _gaussian = new();

    /// <summary>A quarter of the longer side: strong enough that features do not survive.</summary>
    public static double BlurSigma(int width, int height) => Math.Max(1.0, Math.Max(width, height) / 4.0);

    /// <summary>Blocks across a region so that no more than 8 cover the longer side, at least 2 px each.</summary>
    public static (int Across, int Down) BlockGrid(int width, int height)
    {
        int block = Math.Max(2, (Math.Max(width, height) + 7) / 8);
        return (Math.Max(1, (width + block - 1) / block), Math.Max(1, (height + block - 1) / block));
    }

    public void Blur(Plane8 src, Plane8 dst)
    {
        double sigma = BlurSigma(src.Width, src.Height);
        if (sigma <= DirectSigmaLimit)
        {
            _gaussian.Blur(src, dst, sigma);
            return;
        }
        double factor = sigma / ReducedSigma;
        var small = _small.Plane(Math.Max(1, (int)Math.Ceiling(src.Height / factor)), Math.Max(1, (int)Math.Ceiling(src.Width / factor)));
        Resize(src, small, InterpolationFlags.Area);
        _gaussian.Blur(small, small, ReducedSigma);
        Resize(small, dst, InterpolationFlags.Linear);
    }

    public void Pixelate(Plane8 src, Plane8 dst, int across, int down)
    {
        var blocks = _blocks.Plane(Math.Min(down, src.Height), Math.Min(across, src.Width));
        Resize(src, blocks, InterpolationFlags.Area);
        FillBlocks(blocks, dst);
    }

    /// <summary>
    /// Blur with sigma a quarter of the region, then the block mosaic. Both are linear low-pass
    /// steps, so the blur is done on a copy reduced to 2-4 samples a block, which is the same
    /// picture at a fraction of the cost. The reduction is by whole factors, which OpenCV averages
    /// in its SIMD path (its general area resize weighs each pixel in floats and was a tenth of the
    /// redaction stage's time); the few right and bottom pixels a whole factor leaves out are
    /// painted over by the blocks like every other.
    /// </summary>
    public void Mosaic(Plane8 src, Plane8 dst, int across, int down)
    {
        across = Math.Min(across, src.Width);
        down = Math.Min(down, src.Height);
        int fx = (src.Width + 4 * across - 1) / (4 * across), fy = (src.Height + 4 * down - 1) / (4 * down);
        var small = _small.Plane(src.Height / fy, src.Width / fx);
        Resize(new Plane8(src.Data, src.Stride, small.Width * fx, small.Height * fy), small, InterpolationFlags.Area);
        _gaussian.Blur(small, small, BlurSigma(small.Width, small.Height));
        var blocks = _blocks.Plane(down, across);
        Resize(small, blocks, InterpolationFlags.Area);
        FillBlocks(blocks, dst);
    }

    public static void Fill(Plane8 dst, byte value)
    {
        for (int y = 0; y < dst.Height; y++) dst.Row(y).Fill(value);
    }

    private static void Resize(Plane8 src, Plane8 dst, InterpolationFlags interpolation) =>
        NativeCv.Resize(src.Data, src.Stride, src.Width, src.Height, dst.Data, dst.Stride, dst.Width, dst.Height, interpolation);

    /// <summary>
    /// Paints each block value over its share of <paramref name="dst"/> with row fills: a nearest
    /// upscale through OpenCV costs ten times more, and this writes each pixel once.
    /// </summary>
    private static void FillBlocks(Plane8 blocks, Plane8 dst)
    {
        int across = blocks.Width, down = blocks.Height, width = dst.Width, height = dst.Height;
        for (int y = 0; y < height; y++)
        {
            byte* values = blocks.Data + (long)y * down / height * blocks.Stride;
            var row = dst.Row(y);
            for (int b = 0; b < across; b++)
            {
                int x0 = b * width / across, x1 = (b + 1) * width / across;
                row[x0..x1].Fill(values[b]);
            }
        }
    }

    public void Dispose()
    {
        _small.Dispose();
        _blocks.Dispose();
        _gaussian.Dispose();
    }
}

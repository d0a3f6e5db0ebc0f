using OpenCvSharp;

namespace Veil.Vision.Redaction;

/// <summary>
/// The pixel operations, each from <c>src</c> into <c>dst</c> of the same size on one 8-bit plane;
/// <c>src</c> and <c>dst</c> may be the same Mat. Owns the small scratch images and kernels it
/// reuses between calls; one thread at a time.
/// </summary>
internal sealed unsafe class RedactionKernels : IDisposable
{
    // Above this sigma the blur runs on an area-downscaled copy: a sigma of hundreds of pixels at
    // full resolution costs thousands of multiply-adds a pixel and looks the same.
    private const double DirectSigmaLimit = 6;
    private const double ReducedSigma = 4;

    private readonly Mat _small = new();
    private readonly Mat _blocks = new();
    private readonly GaussianKernels _gaussian = new();

    /// <summary>A quarter of the longer side: strong enough that features do not survive.</summary>
    public static double BlurSigma(int width, int height) => Math.Max(1.0, Math.Max(width, height) / 4.0);

    /// <summary>Blocks across a region so that no more than 8 cover the longer side, at least 2 px each.</summary>
    public static (int Across, int Down) BlockGrid(int width, int height)
    {
        int block = Math.Max(2, (Math.Max(width, height) + 7) / 8);
        return (Math.Max(1, (width + block - 1) / block), Math.Max(1, (height + block - 1) / block));
    }

    public void Blur(Mat src, Mat dst)
    {
        double sigma = BlurSigma(src.Cols, src.Rows);
        if (sigma <= DirectSigmaLimit)
        {
            _gaussian.Blur(src, dst, sigma);
            return;
        }
        double factor = sigma / ReducedSigma;
        var reduced = new Size(
            Math.Max(1, (int)Math.Ceiling(src.Cols / factor)),
            Math.Max(1, (int)Math.Ceiling(src.Rows / factor)));
        Cv2.Resize(src, _small, reduced, 0, 0, InterpolationFlags.Area);
        _gaussian.Blur(_small, _small, ReducedSigma);
        Cv2.Resize(_small, dst, dst.Size(), 0, 0, InterpolationFlags.Linear);
    }

    public void Pixelate(Mat src, Mat dst, int across, int down)
    {
        Cv2.Resize(src, _blocks, new Size(Math.Min(across, src.Cols), Math.Min(down, src.Rows)), 0, 0, InterpolationFlags.Area);
        FillBlocks(_blocks, dst);
    }

    /// <summary>
    /// Blur with sigma a quarter of the region, then the block mosaic. Both are linear low-pass
    /// steps, so the blur is done on a copy reduced to 4 samples a block, which is the same
    /// picture at a fraction of the cost.
    /// </summary>
    public void Mosaic(Mat src, Mat dst, int across, int down)
    {
        across = Math.Min(across, src.Cols);
        down = Math.Min(down, src.Rows);
        var reduced = new Size(Math.Min(src.Cols, 4 * across), Math.Min(src.Rows, 4 * down));
        Cv2.Resize(src, _small, reduced, 0, 0, InterpolationFlags.Area);
        _gaussian.Blur(_small, _small, BlurSigma(reduced.Width, reduced.Height));
        Cv2.Resize(_small, _blocks, new Size(across, down), 0, 0, InterpolationFlags.Area);
        FillBlocks(_blocks, dst);
    }

    /// <summary>
    /// Paints each block value over its share of <paramref name="dst"/> with row fills: a nearest
    /// upscale through OpenCV costs ten times more, and this writes each pixel once.
    /// </summary>
    private static void FillBlocks(Mat blocks, Mat dst)
    {
        int across = blocks.Cols, down = blocks.Rows, width = dst.Cols, height = dst.Rows;
        byte* source = (byte*)blocks.Data;
        long sourceStep = blocks.Step();
        byte* target = (byte*)dst.Data;
        long targetStep = dst.Step();
        for (int y = 0; y < height; y++)
        {
            byte* values = source + (long)y * down / height * sourceStep;
            var row = new Span<byte>(target + y * targetStep, width);
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

using OpenCvSharp;
using Veil.Vision.Imaging;

namespace Veil.Vision.Redaction;

/// <summary>
/// 1-D Gaussian kernels by size, made once. The blur is run as two 1-D passes (SepFilter2D):
/// OpenCV's GaussianBlur took 30 times longer on the small continuous images the kernels blur.
/// </summary>
internal sealed unsafe class GaussianKernels : IDisposable
{
    private readonly Dictionary<int, Mat> _bySize = new();

    /// <summary>An odd size reaching 3 sigma each side, where the Gaussian has fallen below 1 %.</summary>
    public static int SizeFor(double sigma) => 2 * (int)Math.Ceiling(3 * sigma) + 1;

    /// <summary>Blurs with the kernel of <see cref="SizeFor"/>, sigma rounded up to a third of a pixel; src may be dst.</summary>
    public void Blur(Plane8 src, Plane8 dst, double sigma)
    {
        int size = SizeFor(sigma);
        if (!_bySize.TryGetValue(size, out var kernel))
        {
            kernel = Cv2.GetGaussianKernel(size, (size - 1) / 6.0, MatType.CV_32F)
                ?? throw new InvalidOperationException($"OpenCV made no Gaussian kernel of size {size}");
            _bySize.Add(size, kernel);
        }
        NativeCv.SepFilter(src.Data, src.Stride, dst.Data, dst.Stride, src.Width, src.Height, kernel, BorderTypes.Reflect101);
    }

    public void Dispose()
    {
        foreach (var kernel in _bySize.Values) kernel.Dispose();
        _bySize.Clear();
    }
}

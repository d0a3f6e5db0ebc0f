using OpenCvSharp;

namespace Veil.Vision.Imaging;

/// <summary>
/// Writes a BGR picture into a planar float tensor (NCHW, batch 1) at its top-left corner, the
/// rest filled with the pad value: value·scale, minus mean, over std, per channel in B, G, R order
/// (every model here reads BGR, as OpenCV decodes).
/// </summary>
public static unsafe class TensorWriter
{
    public static void WriteNchw(Mat bgr, Span<float> tensor, int tensorWidth, int tensorHeight,
        float scale, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, float pad)
    {
        int plane = tensorWidth * tensorHeight;
        if (tensor.Length < 3 * plane) throw new ArgumentException("tensor too small", nameof(tensor));
        if (bgr.Type() != MatType.CV_8UC3) throw new ArgumentException("expects 8-bit BGR", nameof(bgr));
        int w = Math.Min(bgr.Width, tensorWidth), h = Math.Min(bgr.Height, tensorHeight);
        Span<float> mul = stackalloc float[3], add = stackalloc float[3], padded = stackalloc float[3];
        for (int c = 0; c < 3; c++)
        {
            mul[c] = scale / std[c];
            add[c] = -mean[c] / std[c];
            padded[c] = pad * mul[c] + add[c];
        }
        fixed (float* t = tensor)
        {
            // Only the padding is filled: the picture's part is written once, below.
            for (int c = 0; c < 3; c++)
            {
                float* p = t + c * plane;
                if (w < tensorWidth)
                    for (int y = 0; y < h; y++) new Span<float>(p + y * tensorWidth + w, tensorWidth - w).Fill(padded[c]);
                new Span<float>(p + h * tensorWidth, (tensorHeight - h) * tensorWidth).Fill(padded[c]);
            }
            WritePixels(bgr, t, tensorWidth, plane, 0, 0, w, h, mul, add);
        }
    }

    /// <summary>Fills the whole tensor with the pad value (a canvas, before its regions are written).</summary>
    public static void Fill(Span<float> tensor, int tensorWidth, int tensorHeight, float scale, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, float pad)
    {
        int plane = tensorWidth * tensorHeight;
        if (tensor.Length < 3 * plane) throw new ArgumentException("tensor too small", nameof(tensor));
        for (int c = 0; c < 3; c++) tensor.Slice(c * plane, plane).Fill((pad * scale - mean[c]) / std[c]);
    }

    /// <summary>Writes a BGR picture into the tensor with its top-left corner at (<paramref name="x"/>, <paramref name="y"/>), clipped to the tensor.</summary>
    public static void WriteAt(Mat bgr, Span<float> tensor, int tensorWidth, int tensorHeight, int x, int y,
        float scale, ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        int plane = tensorWidth * tensorHeight;
        if (tensor.Length < 3 * plane) throw new ArgumentException("tensor too small", nameof(tensor));
        if (bgr.Type() != MatType.CV_8UC3) throw new ArgumentException("expects 8-bit BGR", nameof(bgr));
        int w = Math.Min(bgr.Width, tensorWidth - x), h = Math.Min(bgr.Height, tensorHeight - y);
        if (w <= 0 || h <= 0 || x < 0 || y < 0) return;
        Span<float> mul = stackalloc float[3], add = stackalloc float[3];
        for (int c = 0; c < 3; c++)
        {
            mul[c] = scale / std[c];
            add[c] = -mean[c] / std[c];
        }
        fixed (float* t = tensor) WritePixels(bgr, t, tensorWidth, plane, x, y, w, h, mul, add);
    }

    private static void WritePixels(Mat bgr, float* t, int tensorWidth, int plane, int x0, int y0, int w, int h, ReadOnlySpan<float> mul, ReadOnlySpan<float> add)
    {
        byte* src = (byte*)bgr.Data;
        long step = bgr.Step();
        float m0 = mul[0], m1 = mul[1], m2 = mul[2], a0 = add[0], a1 = add[1], a2 = add[2];
        for (int y = 0; y < h; y++)
        {
            byte* row = src + y * step;
            float* b = t + (y0 + y) * tensorWidth + x0, g = b + plane, r = g + plane;
            for (int x = 0; x < w; x++)
            {
                b[x] = row[3 * x] * m0 + a0;
                g[x] = row[3 * x + 1] * m1 + a1;
                r[x] = row[3 * x + 2] * m2 + a2;
            }
        }
    }
}

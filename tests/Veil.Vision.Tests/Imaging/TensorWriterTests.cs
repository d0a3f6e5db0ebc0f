using OpenCvSharp;
using Veil.Vision.Imaging;

namespace Veil.Vision.Tests.Imaging;

public sealed class TensorWriterTests
{
    [Fact]
    public void Writes_the_picture_top_left_normalised_per_channel_and_pads_the_rest_whatever_the_tensor_held()
    {
        using var bgr = new Mat(2, 3, MatType.CV_8UC3);
        for (int y = 0; y < 2; y++)
            for (int x = 0; x < 3; x++) bgr.Set(y, x, new Vec3b((byte)(10 * x + y), (byte)(100 + x), (byte)(200 + y)));
        const int W = 5, H = 4, Plane = W * H;
        var tensor = new float[3 * Plane];
        Array.Fill(tensor, float.NaN); // a reused tensor holds the last picture: every value must be written

        TensorWriter.WriteNchw(bgr, tensor, W, H, scale: 2, mean: [1, 2, 3], std: [1, 2, 4], pad: 114);

        float Expected(int c, float value) => (value * 2 - (c + 1f)) / new[] { 1f, 2f, 4f }[c];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++)
                {
                    float actual = tensor[c * Plane + y * W + x];
                    float value = x < 3 && y < 2 ? bgr.At<Vec3b>(y, x)[c] : 114;
                    Assert.Equal(Expected(c, value), actual, 5);
                }
    }
}

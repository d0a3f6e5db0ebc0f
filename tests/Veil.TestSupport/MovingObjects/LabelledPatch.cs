using OpenCvSharp;

namespace Veil.TestSupport.MovingObjects;

/// <summary>
/// A face or plate cut from a dev set with the picture around it, and the alpha it is pasted with: opaque
/// over the object and most of its context, fading to nothing at the patch's edges so no hard rectangle shows.
/// </summary>
public sealed class LabelledPatch : IDisposable
{
    /// <summary>Share of each context margin, from the patch's edge inwards, over which the patch fades in.</summary>
    private const double FeatherShare = 0.8;

    public LabelledPatch(ObjectKind kind, string source, Mat image, Rect objectBox)
    {
        Kind = kind;
        Source = source;
        Image = image;
        Object = objectBox;
        Alpha = FeatherMask(image.Size(), objectBox);
    }

    public ObjectKind Kind { get; }

    /// <summary>The dev-set image and label it was cut from, for reports.</summary>
    public string Source { get; }

    /// <summary>BGR, the object with its context.</summary>
    public Mat Image { get; }

    /// <summary>CV_32FC1 weights in [0, 1], the size of <see cref="Image"/>.</summary>
    public Mat Alpha { get; }

    /// <summary>The face or plate inside <see cref="Image"/>.</summary>
    public Rect Object { get; }

    /// <summary>The size that scales with the clip's size schedule: a plate's width, a face's height.</summary>
    public int NominalSize => Kind == ObjectKind.Plate ? Object.Width : Object.Height;

    /// <summary>A separable smoothstep ramp per side, reaching 1 well before the object box.</summary>
    private static unsafe Mat FeatherMask(Size size, Rect objectBox)
    {
        var rampX = Ramp(size.Width, objectBox.Left, size.Width - objectBox.Right);
        var rampY = Ramp(size.Height, objectBox.Top, size.Height - objectBox.Bottom);
        var mask = new Mat(size, MatType.CV_32FC1);
        var weights = new Span<float>((void*)mask.Data, size.Width * size.Height);
        for (int y = 0; y < size.Height; y++)
            for (int x = 0; x < size.Width; x++)
                weights[y * size.Width + x] = rampX[x] * rampY[y];
        return mask;
    }

    private static float[] Ramp(int length, int before, int after)
    {
        var ramp = new float[length];
        double inLength = Math.Max(1, before * FeatherShare), outLength = Math.Max(1, after * FeatherShare);
        for (int i = 0; i < length; i++)
        {
            double fromStart = (i + 0.5) / inLength, fromEnd = (length - i - 0.5) / outLength;
            ramp[i] = (float)SmoothStep(Math.Min(1, Math.Min(fromStart, fromEnd)));
        }
        return ramp;
    }

    private static double SmoothStep(double t) => t * t * (3 - 2 * t);

    public void Dispose()
    {
        Image.Dispose();
        Alpha.Dispose();
    }
}

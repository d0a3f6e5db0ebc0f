using System.Globalization;
using OpenCvSharp;

namespace Veil.TestSupport.MovingObjects;

/// <summary>
/// A frame of input and output side by side (input | output) for a person to check the meter by eye. Each
/// ground-truth box is outlined just outside itself, so the outline hides none of what is judged: yellow on
/// the input, and on the output red where the meter says the object leaked, green where it says it is hidden.
/// </summary>
public static class LeakStills
{
    public static async Task WriteAsync(string inputClip, string outputClip, int frame, IEnumerable<ObjectFrameVerdict> verdicts, string png)
    {
        using var input = await FrameAsync(inputClip, frame);
        using var output = await FrameAsync(outputClip, frame);
        foreach (var v in verdicts.Where(v => v.Box.Frame == frame))
        {
            var outline = new Rect(v.Box.X - 2, v.Box.Y - 2, v.Box.W + 4, v.Box.H + 4);
            var verdictColour = !v.Measurable ? Scalar.Gray : v.Leaked ? Scalar.Red : Scalar.Lime;
            Cv2.Rectangle(input, outline, Scalar.Yellow, 1);
            Cv2.Rectangle(output, outline, verdictColour, 1);
            var label = new Point(outline.X, outline.Y > 12 ? outline.Y - 3 : outline.Bottom + 11);
            Cv2.PutText(input, $"#{v.Box.Id}", label, HersheyFonts.HersheySimplex, 0.4, Scalar.Yellow);
            Cv2.PutText(output, $"#{v.Box.Id}", label, HersheyFonts.HersheySimplex, 0.4, verdictColour);
        }
        Cv2.PutText(input, string.Create(CultureInfo.InvariantCulture, $"input, frame {frame}"), new Point(8, 20), HersheyFonts.HersheySimplex, 0.6, Scalar.White, 2);
        Cv2.PutText(output, "output (red: leaked, green: hidden)", new Point(8, 20), HersheyFonts.HersheySimplex, 0.6, Scalar.White, 2);
        using var side = new Mat();
        Cv2.HConcat([input, output], side);
        Cv2.ImWrite(png, side);
    }

    private static async Task<Mat> FrameAsync(string clip, int frame)
    {
        string png = Path.Combine(Path.GetTempPath(), $"veil-still-{Environment.ProcessId}-{Guid.NewGuid():N}.png");
        try
        {
            (await FfTools.RunFfmpegAsync(["-v", "error", "-y", "-i", clip, "-vf", $"select=eq(n\\,{frame})", "-frames:v", "1", png])
                .ConfigureAwait(false)).EnsureSuccess();
            var mat = Cv2.ImRead(png);
            if (mat.Empty()) throw new InvalidOperationException($"no frame {frame} in {clip}");
            return mat;
        }
        finally
        {
            File.Delete(png);
        }
    }
}

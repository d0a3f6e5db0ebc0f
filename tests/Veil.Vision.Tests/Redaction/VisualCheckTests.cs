using OpenCvSharp;
using Veil.Core.Geometry;
using Veil.Vision.Redaction;
using Veil.Vision.Tests.Support;

namespace Veil.Vision.Tests.Redaction;

/// <summary>
/// Writes original | mosaic | blur | pixelate of a real face side by side for a person to look at,
/// when VEIL_VISION_CHECK_PNG names the output file. Numbers cannot tell whether a face is still
/// recognisable; eyes can.
/// </summary>
public sealed class VisualCheckTests
{
    [Fact]
    public void Writes_a_side_by_side_picture_when_asked()
    {
        var output = Environment.GetEnvironmentVariable("VEIL_VISION_CHECK_PNG");
        if (string.IsNullOrEmpty(output)) return;
        using var photo = TestImages.LoadFacePhoto();
        var face = TestImages.FaceBox;
        var box = new PixelRect(face.X, face.Y, face.Width, face.Height);
        var panels = new List<Mat> { photo.Clone() };
        foreach (var style in new[] { RedactionStyle.Mosaic, RedactionStyle.Blur, RedactionStyle.Pixelate })
        {
            using var frame = new TestFrame(photo);
            using var redactor = new PlaneRedactor(new RedactionOptions { Style = style });
            redactor.Redact(frame.Planes, RedactionRegion.Rectangle(box, "face"));
            var panel = frame.ToBgr();
            Cv2.PutText(panel, style.ToString(), new Point(5, 20), HersheyFonts.HersheySimplex, 0.6, Scalar.Yellow, 2);
            panels.Add(panel);
        }
        using var row = new Mat();
        Cv2.HConcat(panels.ToArray(), row);
        using var big = new Mat();
        Cv2.Resize(row, big, new Size(), 1.5, 1.5, InterpolationFlags.Nearest);
        Assert.True(Cv2.ImWrite(output, big));
        foreach (var p in panels) p.Dispose();
    }
}

using OpenCvSharp;

namespace Veil.TestSupport.MovingObjects;

/// <summary>Scales a patch to a waypoint's size and blends it into a frame through its feathered alpha.</summary>
public static class PatchCompositor
{
    public static Placement Place(LabelledPatch patch, Waypoint at)
    {
        double scale = at.Size / patch.NominalSize;
        int patchW = Math.Max(1, (int)Math.Round(patch.Image.Width * scale)), patchH = Math.Max(1, (int)Math.Round(patch.Image.Height * scale));
        // The object's box follows the patch's own rounding, so the truth matches the pasted pixels to the pixel.
        double sx = (double)patchW / patch.Image.Width, sy = (double)patchH / patch.Image.Height;
        int ox = (int)Math.Round(patch.Object.X * sx), oy = (int)Math.Round(patch.Object.Y * sy);
        int ow = Math.Max(1, (int)Math.Round(patch.Object.Width * sx)), oh = Math.Max(1, (int)Math.Round(patch.Object.Height * sy));
        int px = (int)Math.Round(at.X - ox - ow / 2.0), py = (int)Math.Round(at.Y - oy - oh / 2.0);
        return new Placement(new Rect(px, py, patchW, patchH), new Rect(px + ox, py + oy, ow, oh));
    }

    public static void Paste(Mat frame, LabelledPatch patch, Placement placement)
    {
        var visible = placement.Patch & new Rect(0, 0, frame.Width, frame.Height);
        if (visible.Width <= 0 || visible.Height <= 0) return;

        var size = placement.Patch.Size;
        // Area averaging when shrinking keeps a small plate's characters as a camera would record them; cubic when enlarging.
        var interpolation = size.Width < patch.Image.Width ? InterpolationFlags.Area : InterpolationFlags.Cubic;
        using var image = new Mat();
        using var alpha = new Mat();
        Cv2.Resize(patch.Image, image, size, 0, 0, interpolation);
        Cv2.Resize(patch.Alpha, alpha, size, 0, 0, InterpolationFlags.Linear);

        var inPatch = new Rect(visible.X - placement.Patch.X, visible.Y - placement.Patch.Y, visible.Width, visible.Height);
        using var target = new Mat(frame, visible);
        using var source = new Mat(image, inPatch);
        using var weight = new Mat(alpha, inPatch);
        using var inverse = new Mat();
        Cv2.Subtract(Scalar.All(1.0), weight, inverse);
        using var blended = new Mat();
        Cv2.BlendLinear(source, target, weight, inverse, blended);
        blended.CopyTo(target);
    }
}

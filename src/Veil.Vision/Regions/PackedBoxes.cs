using Veil.Core.Detections;

namespace Veil.Vision.Regions;

/// <summary>Maps a detection made on a canvas back to the frame, through the region its centre lies in.</summary>
public static class PackedBoxes
{
    /// <summary>
    /// Adds the detection in frame pixels; one centred in a gap is dropped (padding, not picture).
    /// The box is not clipped to its region: for an object cut by the region's edge, the model's
    /// guess of its whole extent hides more of it than the part inside would.
    /// </summary>
    public static void AddMapped(PackedCanvas canvas, Detection d, List<Detection> into)
    {
        var b = d.Box;
        if (canvas.At(b.CenterX, b.CenterY) is not { } p) return;
        float sx = p.ScaleX, sy = p.ScaleY;
        into.Add(d with { Box = new BoxF((b.X - p.X) / sx + p.Source.X, (b.Y - p.Y) / sy + p.Source.Y, b.W / sx, b.H / sy) });
    }
}

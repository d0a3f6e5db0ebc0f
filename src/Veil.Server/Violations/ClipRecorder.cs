using System.Runtime.InteropServices;
using OpenCvSharp;
using Veil.Core.Frames;
using Veil.Media.Mux;
using Veil.Vision.Imaging;

namespace Veil.Server.Violations;

/// <summary>
/// The last seconds of a stream's published (redacted) frames, small: at most 12 a second, at most
/// 384 px wide, as packed I420, so an event can carry a short clip of what led up to it. Fed on
/// the violation stage with copies of redacted frames, like the snapshot.
/// </summary>
internal sealed class ClipRecorder
{
    private const int MaxWidth = 384, FramesPerSecond = 12;
    private static readonly TimeSpan Length = TimeSpan.FromSeconds(2.5), Spacing = TimeSpan.FromSeconds(1.0 / FramesPerSecond);
    private readonly Queue<(TimeSpan Time, byte[] I420)> _frames = new();
    private int _width, _height;

    public void Keep(VideoFrame frame)
    {
        if (_frames.Count > 0 && frame.Time - _frames.Last().Time < Spacing) return;
        if (_width == 0)
        {
            double scale = Math.Min(1, (double)MaxWidth / frame.Width);
            (_width, _height) = ((int)(frame.Width * scale) & ~1, (int)(frame.Height * scale) & ~1);
        }
        using var bgr = I420.ToBgr(frame.Planes);
        using var small = bgr.Resize(new Size(_width, _height), 0, 0, InterpolationFlags.Area);
        using var yuv = small.CvtColor(ColorConversionCodes.BGR2YUV_I420);
        var bytes = new byte[_width * _height * 3 / 2];
        Marshal.Copy(yuv.Data, bytes, 0, bytes.Length);
        _frames.Enqueue((frame.Time, bytes));
        while (_frames.Count > 0 && frame.Time - _frames.Peek().Time > Length) _frames.Dequeue();
    }

    /// <summary>The kept seconds as an MP4, or null before the first frame.</summary>
    public byte[]? Mp4() => _frames.Count == 0 ? null : ClipWriter.Mp4(_width, _height, FramesPerSecond, _frames.Select(f => f.I420).ToList());
}

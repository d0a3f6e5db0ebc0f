using Veil.Core.Frames;
using Veil.Media.Mux;
using Veil.Vision.Imaging;

namespace Veil.Server.Violations;

/// <summary>
/// The last seconds of a stream's published (redacted) frames, small: at most 12 a second, at most
/// 384 px wide, as packed I420, so an event can carry a short clip of what led up to it. Fed on
/// the violation stage with copies of redacted frames, like the snapshot. Each plane is scaled on
/// its own into a buffer that a frame leaving the clip hands back, so a stream's clip costs three
/// small resizes a kept frame and no allocation (a BGR round trip and a new array each used to
/// raise a 720p stream's latency with the rules on).
/// </summary>
internal sealed class ClipRecorder
{
    private const int MaxWidth = 384, FramesPerSecond = 12;
    private static readonly TimeSpan Length = TimeSpan.FromSeconds(2.5), Spacing = TimeSpan.FromSeconds(1.0 / FramesPerSecond);
    private readonly Queue<(TimeSpan Time, byte[] I420)> _frames = new();
    private readonly Stack<byte[]> _spare = new();
    private int _width, _height;

    public void Keep(VideoFrame frame)
    {
        if (_frames.Count > 0 && frame.Time - _frames.Last().Time < Spacing) return;
        if (_width == 0)
        {
            double scale = Math.Min(1, (double)MaxWidth / frame.Width);
            (_width, _height) = ((int)(frame.Width * scale) & ~1, (int)(frame.Height * scale) & ~1);
        }
        var bytes = _spare.Count > 0 ? _spare.Pop() : new byte[_width * _height * 3 / 2];
        I420.ScaleTo(frame.Planes, bytes, _width, _height);
        _frames.Enqueue((frame.Time, bytes));
        while (_frames.Count > 0 && frame.Time - _frames.Peek().Time > Length) _spare.Push(_frames.Dequeue().I420);
    }

    /// <summary>The kept seconds as an MP4, or null before the first frame.</summary>
    public byte[]? Mp4() => _frames.Count == 0 ? null : ClipWriter.Mp4(_width, _height, FramesPerSecond, _frames.Select(f => f.I420).ToList());
}

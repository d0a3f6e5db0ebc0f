using Veil.Core.Frames;

namespace Veil.Core.Pipeline;

/// <summary>
/// The redaction stage's work on one frame: it writes the frame's planes in place. It runs on the
/// stage's own thread, one frame at a time, and must not keep the frame after it returns.
/// </summary>
public interface IFrameProcessor
{
    void Process(VideoFrame frame);

    /// <summary>
    /// Called once with the stream's picture size before its first frame, outside every frame's
    /// latency and deadline: the place to warm models up (their first run at a size is slow).
    /// </summary>
    void Prepare(int width, int height) { }
}

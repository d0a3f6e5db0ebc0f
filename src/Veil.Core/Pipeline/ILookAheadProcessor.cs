using Veil.Core.Frames;

namespace Veil.Core.Pipeline;

/// <summary>
/// A processor that wants each frame held for <see cref="Delay"/> after it was processed, so that
/// what it learns from later frames (a track born at a confident detection) also reaches the
/// frames just before it. <see cref="Complete"/> is called on each held frame, in order, right
/// before it goes on to the encoder.
/// </summary>
public interface ILookAheadProcessor : IFrameProcessor
{
    TimeSpan Delay { get; }

    void Complete(VideoFrame frame);
}

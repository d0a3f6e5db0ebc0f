using Veil.Core.Frames;

namespace Veil.Core.Pipeline;

/// <summary>
/// A processor in two steps: <see cref="IFrameProcessor.Process"/> as a frame arrives (it may start
/// work in the background), and <see cref="Complete"/>, in order, right before the frame goes on
/// to the encoder. The stage holds each frame for <see cref="Delay"/> between the two, so that what
/// the processor learns from later frames (a track born at a confident detection) also reaches the
/// frames just before it.
/// </summary>
public interface ILookAheadProcessor : IFrameProcessor
{
    TimeSpan Delay { get; }

    void Complete(VideoFrame frame);
}

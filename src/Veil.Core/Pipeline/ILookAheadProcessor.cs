using Veil.Core.Frames;

namespace Veil.Core.Pipeline;

/// <summary>
/// A processor in two steps: <see cref="IFrameProcessor.Process"/> as a frame arrives (it may start
/// work in the background), and <see cref="Complete"/>, in order, right before the frame goes on
/// to the encoder. The stage holds each frame between the two, so that what the processor learns
/// from later frames (a track born at a confident detection) also reaches the frames just before it.
/// </summary>
public interface ILookAheadProcessor : IFrameProcessor
{
    /// <summary>
    /// The shortest hold: a frame leaves once a frame this much later has arrived and
    /// <see cref="IsReady"/> says its work is done.
    /// </summary>
    TimeSpan MinDelay => Delay;

    /// <summary>The longest hold: then <see cref="Complete"/> is called even if it has to wait.</summary>
    TimeSpan Delay { get; }

    /// <summary>True when <see cref="Complete"/> would not wait for background work on <paramref name="frame"/>.</summary>
    bool IsReady(VideoFrame frame) => true;

    void Complete(VideoFrame frame);

    /// <summary>
    /// When the oldest held frame whose background work is not done arrived (Stopwatch ticks; 0
    /// when none): how far behind the processor is, so a live run can stop giving it more.
    /// </summary>
    long OldestUnfinishedArrival => 0;
}

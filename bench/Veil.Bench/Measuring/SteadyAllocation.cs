using Veil.Media.Pipeline;

namespace Veil.Bench.Measuring;

/// <summary>
/// Managed bytes the whole process allocates per frame once the stream runs steadily: sampled
/// at progress reports, from the first one past the warm-up frames to the last one before the
/// end (the final report comes after the stages have flushed and stopped), so start-up (opening
/// files, codecs, models' first runs) and shut-down are left out and the hot path is measured.
/// </summary>
internal sealed class SteadyAllocation
{
    private const long WarmUpFrames = 50;
    private long _firstFrames = -1, _firstBytes, _lastFrames, _lastBytes, _latestFrames, _latestBytes;

    public void Sample(TranscodeProgress progress)
    {
        if (progress.FramesEncoded < WarmUpFrames) return;
        long bytes = GC.GetTotalAllocatedBytes(precise: true);
        if (_firstFrames < 0)
        {
            (_firstFrames, _firstBytes) = (progress.FramesEncoded, bytes);
            return;
        }
        // The sample before this one becomes the end: only a report that is not the last counts.
        if (_latestFrames > 0) (_lastFrames, _lastBytes) = (_latestFrames, _latestBytes);
        (_latestFrames, _latestBytes) = (progress.FramesEncoded, bytes);
    }

    /// <summary>Null when the run was too short to have three samples past the warm-up.</summary>
    public double? BytesPerFrame => _firstFrames >= 0 && _lastFrames > _firstFrames
        ? (double)(_lastBytes - _firstBytes) / (_lastFrames - _firstFrames)
        : null;
}

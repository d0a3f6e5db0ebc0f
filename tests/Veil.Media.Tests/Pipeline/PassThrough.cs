using Veil.Core.Frames;
using Veil.Core.Pipeline;

namespace Veil.Media.Tests.Pipeline;

/// <summary>A processor that counts frames and can fail on a chosen frame.</summary>
internal sealed class CountingProcessor(long failAt = -1) : IFrameProcessor
{
    public long Frames;

    public void Process(VideoFrame frame)
    {
        if (Frames++ == failAt) throw new InvalidOperationException($"processor failed on frame {failAt}");
    }
}

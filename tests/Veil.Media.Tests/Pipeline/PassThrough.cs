using Veil.Core.Frames;
using Veil.Core.Pipeline;

namespace Veil.Media.Tests.Pipeline;

/// <summary>A processor that counts frames, records how it was prepared, and can fail on a chosen frame.</summary>
internal sealed class CountingProcessor(long failAt = -1) : IFrameProcessor
{
    public long Frames;
    public readonly List<(int Width, int Height, long FramesBefore)> Prepared = new();

    public void Prepare(int width, int height) => Prepared.Add((width, height, Frames));

    public void Process(VideoFrame frame)
    {
        if (Frames++ == failAt) throw new InvalidOperationException($"processor failed on frame {failAt}");
    }
}

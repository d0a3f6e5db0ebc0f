namespace Veil.Core.Frames;

/// <summary>
/// Native storage of one I420 picture. Implementations own native memory (an AVFrame's buffers,
/// or plain aligned memory in tests) and free it exactly once in <see cref="IDisposable.Dispose"/>.
/// </summary>
public interface IFrameBuffer : IDisposable
{
    int Width { get; }
    int Height { get; }

    /// <summary>Borrowed plane pointers, valid until the buffer is returned to its pool.</summary>
    YuvPlanes Planes { get; }

    /// <summary>
    /// Makes sure nobody else (an encoder holding a reference) still reads this memory, so the next
    /// writer does not change pixels under a reader. Called by the pool before a buffer is reused.
    /// </summary>
    void EnsureExclusive();
}

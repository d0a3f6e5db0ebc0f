using Veil.Core.Frames;
using Veil.Media.Handles;
using Veil.Media.Interop;

namespace Veil.Media.Frames;

/// <summary>
/// A pooled I420 picture stored in an AVFrame with reference-counted buffers, so the encoder takes
/// it by reference (no copy). If the encoder still holds a reference when the pool hands the frame
/// out again, <see cref="EnsureExclusive"/> gives it fresh buffers instead of writing under it.
/// </summary>
internal sealed unsafe class AvFrameBuffer : IFrameBuffer
{
    private readonly FrameHandle _frame = new();

    public AvFrameBuffer(int width, int height)
    {
        Width = width;
        Height = height;
        Allocate();
    }

    public int Width { get; }
    public int Height { get; }

    internal nint Ptr => _frame.Ptr;

    public YuvPlanes Planes
    {
        get
        {
            nint f = _frame.Ptr;
            return new YuvPlanes(
                Shim.veil_frame_data(f, 0), Shim.veil_frame_linesize(f, 0),
                Shim.veil_frame_data(f, 1), Shim.veil_frame_linesize(f, 1),
                Shim.veil_frame_data(f, 2), Shim.veil_frame_linesize(f, 2),
                Width, Height);
        }
    }

    public void EnsureExclusive()
    {
        if (Avutil.av_frame_is_writable(_frame.Ptr) != 0) return;
        Avutil.av_frame_unref(_frame.Ptr);
        Allocate();
    }

    private void Allocate()
    {
        nint f = _frame.Ptr;
        Shim.veil_set_frame_width(f, Width);
        Shim.veil_set_frame_height(f, Height);
        Shim.veil_set_frame_format(f, AvConst.AV_PIX_FMT_YUV420P);
        AvException.Check(Avutil.av_frame_get_buffer(f, 32), "av_frame_get_buffer", $"{Width}x{Height} I420 frame");
    }

    public void Dispose() => _frame.Dispose();

    public static FramePool CreatePool(int width, int height) => new(width, height, (w, h) => new AvFrameBuffer(w, h));
}

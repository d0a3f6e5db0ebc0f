using Veil.Media.Interop;

namespace Veil.Media.Handles;

/// <summary>An owned AVFrame (av_frame_alloc / av_frame_free).</summary>
internal sealed unsafe class FrameHandle : AvHandle
{
    public FrameHandle() => Adopt(Avutil.av_frame_alloc(), "av_frame_alloc");

    protected override bool ReleaseHandle()
    {
        nint p = handle;
        Avutil.av_frame_free(&p);
        return true;
    }
}

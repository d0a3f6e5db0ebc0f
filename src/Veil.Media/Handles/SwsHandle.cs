using Veil.Media.Interop;

namespace Veil.Media.Handles;

/// <summary>An owned SwsContext (sws_getContext / sws_freeContext).</summary>
internal sealed class SwsHandle : AvHandle
{
    public SwsHandle(nint ctx) => Adopt(ctx, "sws_getContext");

    protected override bool ReleaseHandle()
    {
        Swscale.sws_freeContext(handle);
        return true;
    }
}

using Veil.Media.Interop;

namespace Veil.Media.Handles;

/// <summary>An owned SwrContext (swr_alloc_set_opts2 / swr_free).</summary>
internal sealed unsafe class SwrHandle : AvHandle
{
    public SwrHandle(nint ctx) => Adopt(ctx, "swr_alloc_set_opts2");

    protected override bool ReleaseHandle()
    {
        nint p = handle;
        Swresample.swr_free(&p);
        return true;
    }
}

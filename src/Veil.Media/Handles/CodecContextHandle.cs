using Veil.Media.Interop;

namespace Veil.Media.Handles;

/// <summary>An owned AVCodecContext (avcodec_alloc_context3 / avcodec_free_context).</summary>
internal sealed unsafe class CodecContextHandle : AvHandle
{
    public CodecContextHandle(nint codec) => Adopt(Avcodec.avcodec_alloc_context3(codec), "avcodec_alloc_context3");

    protected override bool ReleaseHandle()
    {
        nint p = handle;
        Avcodec.avcodec_free_context(&p);
        return true;
    }
}

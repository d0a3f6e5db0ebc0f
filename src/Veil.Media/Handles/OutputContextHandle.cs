using Veil.Media.Interop;

namespace Veil.Media.Handles;

/// <summary>
/// A muxer (avformat_alloc_output_context2 / avformat_free_context), closing its AVIOContext
/// first when it opened one. Writing the trailer is the muxer's job before disposal.
/// </summary>
internal sealed unsafe class OutputContextHandle : AvHandle
{
    public OutputContextHandle(nint allocated) => Adopt(allocated, "avformat_alloc_output_context2");

    protected override bool ReleaseHandle()
    {
        nint* pb = Shim.veil_fmt_pb_ref(handle);
        if (*pb != 0) Avformat.avio_closep(pb);
        Avformat.avformat_free_context(handle);
        return true;
    }
}

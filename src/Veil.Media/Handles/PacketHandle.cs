using Veil.Media.Interop;

namespace Veil.Media.Handles;

/// <summary>An owned AVPacket (av_packet_alloc / av_packet_free).</summary>
internal sealed unsafe class PacketHandle : AvHandle
{
    public PacketHandle() => Adopt(Avcodec.av_packet_alloc(), "av_packet_alloc");

    protected override bool ReleaseHandle()
    {
        nint p = handle;
        Avcodec.av_packet_free(&p);
        return true;
    }
}

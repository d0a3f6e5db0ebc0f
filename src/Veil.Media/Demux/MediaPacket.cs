using Veil.Media.Handles;
using Veil.Media.Interop;

namespace Veil.Media.Demux;

/// <summary>
/// One compressed packet (an owned AVPacket) with its time base, handed between stages. Owned by
/// one stage at a time; <see cref="Dispose"/> frees the native packet.
/// </summary>
public sealed class MediaPacket : IDisposable
{
    private readonly PacketHandle _handle = new();

    internal nint Ptr => _handle.Ptr;

    /// <summary>Time base of Pts/Dts/Duration.</summary>
    public AvRational TimeBase { get; internal set; }

    /// <summary>When the packet arrived from the source (Stopwatch ticks), for latency.</summary>
    public long ArrivalTimestamp { get; set; }

    public int StreamIndex
    {
        get => Shim.veil_pkt_stream_index(Ptr);
        set => Shim.veil_set_pkt_stream_index(Ptr, value);
    }

    public long Pts => Shim.veil_pkt_pts(Ptr);
    public long Dts => Shim.veil_pkt_dts(Ptr);
    public long Duration => Shim.veil_pkt_duration(Ptr);
    public int Size => Shim.veil_pkt_size(Ptr);

    /// <summary>The payload, borrowed: valid until the packet is unreferenced or returned to its pool.</summary>
    public unsafe ReadOnlySpan<byte> Data => new(Shim.veil_pkt_data(Ptr), Size);
    public bool IsKeyframe => (Shim.veil_pkt_flags(Ptr) & AvConst.AV_PKT_FLAG_KEY) != 0;

    /// <summary>Moves the timestamps to another time base, shifted by <paramref name="offset"/> (in the new base).</summary>
    public void Rescale(AvRational to, long offset = 0)
    {
        Avcodec.av_packet_rescale_ts(Ptr, TimeBase, to);
        TimeBase = to;
        if (offset == 0) return;
        long pts = Pts, dts = Dts;
        if (pts != AvConst.AV_NOPTS_VALUE) Shim.veil_set_pkt_pts(Ptr, pts - offset);
        if (dts != AvConst.AV_NOPTS_VALUE) Shim.veil_set_pkt_dts(Ptr, dts - offset);
    }

    /// <summary>Makes this packet a new reference to <paramref name="source"/>'s data (no copy).</summary>
    public void RefFrom(MediaPacket source)
    {
        Avcodec.av_packet_unref(Ptr);
        AvException.Check(Avcodec.av_packet_ref(Ptr, source.Ptr), "av_packet_ref");
        TimeBase = source.TimeBase;
        ArrivalTimestamp = source.ArrivalTimestamp;
    }

    public void Unref() => Avcodec.av_packet_unref(Ptr);

    public void Dispose() => _handle.Dispose();
}

using Veil.Media.Demux;

namespace Veil.Media.Mux;

/// <summary>
/// Where a live run's encoded packets are written on a destination's own thread: one muxer
/// (<see cref="MediaOutput"/>), or one that starts a new file now and then (a segmented recording).
/// </summary>
public interface IPacketSink : IDisposable
{
    /// <summary>Writes one packet, shifted by <paramref name="startOffsetUs"/>; takes the packet's data reference.</summary>
    void Write(MediaPacket packet, int streamIndex, long startOffsetUs);

    /// <summary>The run ended: flush and close what is open.</summary>
    void Finish();

    /// <summary>Unblocks a write in progress from another thread (shutdown).</summary>
    void Interrupt();
}

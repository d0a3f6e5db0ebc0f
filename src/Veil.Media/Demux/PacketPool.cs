using System.Collections.Concurrent;

namespace Veil.Media.Demux;

/// <summary>
/// Reuses AVPacket shells between stages so the steady state allocates none; a returned packet
/// drops its data reference at once, so the pool holds no payload.
/// </summary>
public sealed class PacketPool : IDisposable
{
    private readonly ConcurrentBag<MediaPacket> _free = new();

    public MediaPacket Rent() => _free.TryTake(out var p) ? p : new MediaPacket();

    public void Return(MediaPacket packet)
    {
        packet.Unref();
        _free.Add(packet);
    }

    public void Dispose()
    {
        while (_free.TryTake(out var p)) p.Dispose();
    }
}

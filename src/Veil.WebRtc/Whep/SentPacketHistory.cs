namespace Veil.WebRtc.Whep;

/// <summary>The last packets sent, by sequence number, so a viewer's NACK can be answered by sending them again.</summary>
internal sealed class SentPacketHistory(int capacity = 1024)
{
    private readonly byte[]?[] _packets = new byte[capacity][];
    private readonly ushort[] _sequences = new ushort[capacity];
    private readonly object _gate = new();

    public void Add(ushort sequence, byte[] packet)
    {
        lock (_gate)
        {
            int slot = sequence % capacity;
            _packets[slot] = packet;
            _sequences[slot] = sequence;
        }
    }

    public byte[]? Find(ushort sequence)
    {
        lock (_gate)
        {
            int slot = sequence % capacity;
            return _sequences[slot] == sequence ? _packets[slot] : null;
        }
    }
}

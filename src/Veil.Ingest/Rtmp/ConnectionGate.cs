using System.Net;

namespace Veil.Ingest.Rtmp;

/// <summary>
/// Caps the connections the RTMP port holds, in all and per address, so a flood of idle sockets
/// cannot take the port from real publishers. A refused connection is closed at once and counted.
/// </summary>
internal sealed class ConnectionGate(int maxTotal, int maxPerAddress)
{
    private readonly Dictionary<IPAddress, int> _perAddress = new();
    private readonly object _gate = new();
    private int _total;
    private long _refusedTotal, _refusedPerAddress;

    public int Open
    {
        get { lock (_gate) return _total; }
    }

    /// <summary>Connections refused at the total cap and at the per-address cap since the last call.</summary>
    public (long Total, long PerAddress) TakeRefusals() => (Interlocked.Exchange(ref _refusedTotal, 0), Interlocked.Exchange(ref _refusedPerAddress, 0));

    public bool TryEnter(IPAddress address)
    {
        lock (_gate)
        {
            if (_total >= maxTotal)
            {
                Interlocked.Increment(ref _refusedTotal);
                return false;
            }
            int mine = _perAddress.GetValueOrDefault(address);
            if (mine >= maxPerAddress)
            {
                Interlocked.Increment(ref _refusedPerAddress);
                return false;
            }
            _perAddress[address] = mine + 1;
            _total++;
            return true;
        }
    }

    public void Leave(IPAddress address)
    {
        lock (_gate)
        {
            _total--;
            int left = _perAddress.GetValueOrDefault(address) - 1;
            if (left <= 0) _perAddress.Remove(address);
            else _perAddress[address] = left;
        }
    }
}

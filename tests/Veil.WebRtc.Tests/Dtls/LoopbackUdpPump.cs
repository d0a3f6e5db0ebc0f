using System.Net;
using System.Net.Sockets;
using Veil.WebRtc.Dtls;

namespace Veil.WebRtc.Tests.Dtls;

/// <summary>
/// A UDP socket on loopback feeding one <see cref="DatagramChannel"/>, the way Veil's shared socket will:
/// what arrives is delivered, what the channel sends goes back to whoever spoke last.
/// </summary>
internal sealed class LoopbackUdpPump : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Thread _thread;
    private volatile EndPoint? _peer;

    public LoopbackUdpPump()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Channel = new DatagramChannel(datagram =>
        {
            if (_peer is { } peer) _socket.SendTo(datagram, SocketFlags.None, peer);
        });
        _thread = new Thread(Pump) { IsBackground = true, Name = "test UDP pump" };
        _thread.Start();
    }

    public DatagramChannel Channel { get; }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    public void Dispose()
    {
        _socket.Dispose();
        _thread.Join();
    }

    private void Pump()
    {
        var buffer = new byte[2048];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        try
        {
            while (true)
            {
                int length = _socket.ReceiveFrom(buffer, ref from);
                _peer = from;
                Channel.Deliver(buffer.AsSpan(0, length));
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The socket was closed by Dispose.
        }
    }
}

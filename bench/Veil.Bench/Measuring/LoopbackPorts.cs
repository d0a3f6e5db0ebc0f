using System.Net;
using System.Net.Sockets;

namespace Veil.Bench.Measuring;

/// <summary>Free loopback ports for the servers a bench starts (taken by the OS, released at once).</summary>
internal static class LoopbackPorts
{
    public static int Tcp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static int Udp()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }
}

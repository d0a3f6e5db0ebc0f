using Veil.WebRtc.Dtls;

namespace Veil.WebRtc.Tests.Dtls;

/// <summary>
/// Two <see cref="DatagramChannel"/>s wired to each other in memory, as the browser and Veil would be over
/// UDP. <paramref name="toServer"/> may rewrite what the client sends: it gets each datagram and the server
/// channel, and delivers what it likes (the datagram, garbage, mutated copies).
/// </summary>
internal sealed class ChannelPair
{
    public ChannelPair(Action<byte[], DatagramChannel>? toServer = null)
    {
        Server = new DatagramChannel(datagram => Client!.Deliver(datagram));
        var forward = toServer ?? ((datagram, server) => server.Deliver(datagram));
        Client = new DatagramChannel(datagram => forward(datagram.ToArray(), Server));
    }

    public DatagramChannel Server { get; }

    public DatagramChannel Client { get; }
}

using System.Diagnostics;
using Veil.WebRtc.Dtls;

namespace Veil.WebRtc.Tests.Dtls;

/// <summary>The bridge from the UDP socket to BouncyCastle: what it queues, drops, and how it waits and closes.</summary>
public sealed class DatagramChannelTests
{
    private static readonly byte[] Alert = Convert.FromHexString("15FEFD00000000000000050002022A");

    [Fact]
    public void A_delivered_datagram_is_received_cut_to_the_buffer_as_udp_does()
    {
        var channel = new DatagramChannel(_ => { });
        Assert.True(channel.Deliver(Alert));
        var small = new byte[10];
        Assert.Equal(10, channel.Receive(small, 0));
        Assert.Equal(Alert[..10], small);
        Assert.Equal(-1, channel.Receive(small, 0));
    }

    [Fact]
    public void Garbage_oversized_datagrams_and_a_full_queue_are_dropped()
    {
        var channel = new DatagramChannel(_ => { });
        Assert.False(channel.Deliver([0x00, 0x01, 0x00, 0x00])); // not a DTLS record
        Assert.False(channel.Deliver(new byte[DatagramChannel.ReceiveLimit + 1]));
        int accepted = 0;
        while (channel.Deliver(Alert)) accepted++;
        Assert.Equal(64, accepted);
    }

    [Fact]
    public void Receive_waits_its_time_then_gives_minus_one()
    {
        var channel = new DatagramChannel(_ => { });
        var watch = Stopwatch.StartNew();
        Assert.Equal(-1, channel.Receive(new byte[100], 100));
        Assert.InRange(watch.ElapsedMilliseconds, 90, 2000);
    }

    [Fact]
    public async Task Close_wakes_a_blocked_receiver_and_refuses_what_comes_after()
    {
        var channel = new DatagramChannel(_ => { });
        var receiver = Task.Run(() => channel.Receive(new byte[100], 30_000));
        await Task.Delay(50);
        channel.Close();
        await Assert.ThrowsAsync<IOException>(() => receiver.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(channel.Deliver(Alert));
        Assert.Throws<IOException>(() => channel.Send(Alert));
    }

    [Fact]
    public void Send_passes_the_datagram_to_the_socket_delegate()
    {
        byte[]? sent = null;
        var channel = new DatagramChannel(datagram => sent = datagram.ToArray());
        channel.Send(Alert, 0, Alert.Length);
        Assert.Equal(Alert, sent);
        Assert.Equal((1200, 1500), (channel.GetSendLimit(), channel.GetReceiveLimit()));
    }
}

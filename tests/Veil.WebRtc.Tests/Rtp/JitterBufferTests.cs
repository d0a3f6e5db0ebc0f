using Veil.WebRtc.Rtp;

namespace Veil.WebRtc.Tests.Rtp;

/// <summary>The jitter buffer on a hand-driven clock: order, wraparound, bounded waits, capacity, restarts and NACK pacing.</summary>
public sealed class JitterBufferTests
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(200);
    private readonly ManualTime time = new();

    [Fact]
    public void Reordered_and_duplicated_packets_come_out_once_in_order()
    {
        var buffer = new JitterBuffer(MaxDelay, time: time);
        var output = new List<ushort>();
        foreach (ushort seq in new ushort[] { 10, 12, 11, 11, 14, 13, 12, 15 })
        {
            buffer.Push(Packet(seq));
            output.AddRange(PopAll(buffer));
        }
        Assert.Equal(Enumerable.Range(10, 6).Select(n => (ushort)n), output);
        Assert.Equal(2, buffer.LateOrDuplicatePackets);
        Assert.Equal(0, buffer.LostPackets);
    }

    [Fact]
    public void Sequence_numbers_wrap_from_65535_to_0()
    {
        var buffer = new JitterBuffer(MaxDelay, time: time);
        var output = new List<ushort>();
        foreach (ushort seq in new ushort[] { 65533, 65535, 65534, 1, 0, 2 })
        {
            buffer.Push(Packet(seq));
            output.AddRange(PopAll(buffer));
        }
        Assert.Equal(new ushort[] { 65533, 65534, 65535, 0, 1, 2 }, output);
    }

    [Fact]
    public void A_packet_waits_for_a_missing_one_no_longer_than_the_delay()
    {
        var buffer = new JitterBuffer(MaxDelay, time: time);
        buffer.Push(Packet(100));
        Assert.Equal([100], PopAll(buffer));
        buffer.Push(Packet(102));
        time.Advance(TimeSpan.FromMilliseconds(150));
        buffer.Push(Packet(103));
        Assert.Empty(PopAll(buffer)); // 101 may still come
        time.Advance(TimeSpan.FromMilliseconds(49));
        Assert.Empty(PopAll(buffer));
        time.Advance(TimeSpan.FromMilliseconds(1)); // 102 has now waited 200 ms
        Assert.Equal([102, 103], PopAll(buffer));
        Assert.Equal(1, buffer.LostPackets);
        Assert.False(buffer.Push(Packet(101))); // too late now
        Assert.Equal(1, buffer.LateOrDuplicatePackets);
    }

    [Fact]
    public void A_missing_packet_that_arrives_in_time_is_not_lost()
    {
        var buffer = new JitterBuffer(MaxDelay, time: time);
        buffer.Push(Packet(1));
        buffer.Push(Packet(3));
        time.Advance(TimeSpan.FromMilliseconds(199));
        buffer.Push(Packet(2));
        Assert.Equal([1, 2, 3], PopAll(buffer));
        Assert.Equal(0, buffer.LostPackets);
    }

    [Fact]
    public void Packets_that_arrive_before_the_first_before_anything_is_popped_still_open_the_stream()
    {
        var buffer = new JitterBuffer(MaxDelay, time: time);
        buffer.Push(Packet(501));
        buffer.Push(Packet(500));
        Assert.Equal([500, 501], PopAll(buffer));
    }

    [Fact]
    public void A_packet_beyond_the_capacity_drops_the_oldest_and_counts_them()
    {
        var buffer = new JitterBuffer(MaxDelay, capacity: 8, time: time);
        buffer.Push(Packet(0));
        Assert.Equal([0], PopAll(buffer));
        for (ushort seq = 2; seq <= 8; seq++) buffer.Push(Packet(seq)); // 1 is missing: 2..8 wait
        buffer.Push(Packet(10)); // needs 3..10: 1 is lost, 2 dropped
        Assert.Equal(1, buffer.LostPackets);
        Assert.Equal(1, buffer.OverflowedPackets);
        Assert.Equal([3, 4, 5, 6, 7, 8], PopAll(buffer));
    }

    [Fact]
    public void A_jump_of_more_than_a_thousand_is_a_restarted_stream()
    {
        var buffer = new JitterBuffer(MaxDelay, time: time);
        buffer.Push(Packet(10));
        buffer.Push(Packet(12)); // 11 missing
        Assert.Equal([10], PopAll(buffer));
        buffer.Push(Packet(40_000));
        buffer.Push(Packet(40_001));
        Assert.Equal([40_000, 40_001], PopAll(buffer));
        Assert.Equal(1, buffer.Resets);
        buffer.Push(Packet(7)); // and back again, far behind
        Assert.Equal([7], PopAll(buffer));
        Assert.Equal(2, buffer.Resets);
    }

    [Fact]
    public void Nacks_name_each_missing_packet_at_most_three_times_fifty_ms_apart()
    {
        var buffer = new JitterBuffer(TimeSpan.FromSeconds(1), time: time);
        buffer.Push(Packet(65534));
        buffer.Push(Packet(2)); // 65535, 0, 1 missing, across the wrap
        Assert.Equal([65535, 0, 1], buffer.TakeNacks());
        Assert.Empty(buffer.TakeNacks()); // asked just now
        time.Advance(TimeSpan.FromMilliseconds(49));
        Assert.Empty(buffer.TakeNacks());
        buffer.Push(Packet(0)); // a retransmission arrives
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([65535, 1], buffer.TakeNacks());
        time.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal([65535, 1], buffer.TakeNacks());
        time.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Empty(buffer.TakeNacks()); // three times each: given up asking
    }

    [Fact]
    public void A_long_shuffled_stream_comes_out_whole_and_in_order()
    {
        var random = new Random(7);
        var buffer = new JitterBuffer(MaxDelay, time: time);
        var sent = Enumerable.Range(0, 5000).Select(n => (ushort)(60_000 + n)).ToArray(); // wraps once
        var arrival = sent.ToArray();
        for (int start = 1; start < arrival.Length; start += 16) random.Shuffle(arrival.AsSpan(start, Math.Min(16, arrival.Length - start)));
        var output = new List<ushort>();
        foreach (var seq in arrival)
        {
            buffer.Push(Packet(seq));
            time.Advance(TimeSpan.FromMilliseconds(1));
            output.AddRange(PopAll(buffer));
        }
        Assert.Equal(sent, output);
        Assert.Equal(0, buffer.LostPackets);
    }

    internal static List<ushort> PopAll(JitterBuffer buffer)
    {
        var popped = new List<ushort>();
        while (buffer.TryPop(out var packet)) popped.Add(packet.SequenceNumber);
        return popped;
    }

    private static RtpPacket Packet(ushort seq) => new() { SequenceNumber = seq, PayloadType = 96, Payload = new byte[] { 1 } };
}

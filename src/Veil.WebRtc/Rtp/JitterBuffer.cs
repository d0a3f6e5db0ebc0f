using System.Diagnostics.CodeAnalysis;

namespace Veil.WebRtc.Rtp;

/// <summary>
/// Puts the RTP packets of one SSRC back in sequence order. A packet waits while an earlier one is
/// missing, but for no longer than <c>maxDelay</c>: then the missing ones are given up as lost so
/// the stream moves on. Meanwhile <see cref="TakeNacks"/> names the missing ones to ask for again
/// (RFC 4585 Generic NACK), each at most <c>maxNacks</c> times and no more often than
/// <c>nackInterval</c>. Holds at most <c>capacity</c> sequence numbers; a packet further ahead
/// drops the oldest. A jump of more than <see cref="ResetDistance"/> is a restarted stream and
/// starts over. Not thread-safe: one receive loop owns it, calling <see cref="TryPop"/> after each
/// <see cref="Push"/> and on a timer (so a wait for a lost packet ends even when nothing arrives).
/// </summary>
public sealed class JitterBuffer
{
    public const int ResetDistance = 1000;

    private readonly RtpPacket?[] slots;
    private readonly long[] arrivedAt;
    private readonly long[] nackedAt;
    private readonly byte[] nackCount;
    private readonly TimeSpan maxDelay, nackInterval;
    private readonly int maxNacks;
    private readonly TimeProvider time;
    private bool started, poppedAny;
    private long next, highest; // extended sequence numbers: the next to hand out, the highest received
    private int held;

    public JitterBuffer(TimeSpan maxDelay, int capacity = 512, TimeSpan? nackInterval = null, int maxNacks = 3, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDelay.Ticks, nameof(maxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, ResetDistance);
        ArgumentOutOfRangeException.ThrowIfNegative(maxNacks);
        this.maxDelay = maxDelay;
        this.nackInterval = nackInterval ?? TimeSpan.FromMilliseconds(50);
        this.maxNacks = Math.Min(maxNacks, byte.MaxValue);
        this.time = time ?? TimeProvider.System;
        slots = new RtpPacket?[capacity];
        arrivedAt = new long[capacity];
        nackedAt = new long[capacity];
        nackCount = new byte[capacity];
    }

    /// <summary>Missing packets given up on after waiting <c>maxDelay</c>, or pushed out by capacity.</summary>
    public long LostPackets { get; private set; }
    /// <summary>Packets refused because they were already held, already handed out, or given up on.</summary>
    public long LateOrDuplicatePackets { get; private set; }
    /// <summary>Received packets dropped unread because a packet too far ahead needed their room.</summary>
    public long OverflowedPackets { get; private set; }
    public int Resets { get; private set; }

    /// <summary>Takes a packet in; false when it is refused as late or a duplicate.</summary>
    public bool Push(RtpPacket packet)
    {
        if (!started) Start(packet.SequenceNumber);
        long sequence = SequenceNumbers.Unwrap(packet.SequenceNumber, highest);
        if (sequence > highest + ResetDistance || sequence < next - ResetDistance)
        {
            Reset();
            Start(packet.SequenceNumber);
            sequence = highest;
        }
        if (sequence < next)
        {
            // Before anything went out, an earlier packet that arrives late still opens the stream.
            if (poppedAny || highest - sequence >= slots.Length)
            {
                LateOrDuplicatePackets++;
                return false;
            }
            next = sequence;
        }
        if (sequence - next >= slots.Length) Discard(sequence - slots.Length + 1);
        int slot = Slot(sequence);
        if (slots[slot] is not null)
        {
            LateOrDuplicatePackets++;
            return false;
        }
        slots[slot] = packet;
        arrivedAt[slot] = time.GetTimestamp();
        held++;
        highest = Math.Max(highest, sequence);
        return true;
    }

    /// <summary>The next packet in order, if it is here or the ones before it have been waited for long enough.</summary>
    public bool TryPop([NotNullWhen(true)] out RtpPacket? packet)
    {
        packet = null;
        if (held == 0 || (slots[Slot(next)] is null && !SkipOverdueGap())) return false;
        int slot = Slot(next++);
        packet = slots[slot]!; // the check above saw it there
        Free(slot);
        held--;
        poppedAny = true;
        return true;
    }

    /// <summary>
    /// The missing sequence numbers due a NACK now, oldest first: never asked for, or last asked
    /// for at least <c>nackInterval</c> ago and fewer than <c>maxNacks</c> times. Each is counted as asked.
    /// </summary>
    public List<ushort> TakeNacks()
    {
        var due = new List<ushort>();
        if (!started) return due;
        long now = time.GetTimestamp();
        for (long sequence = next; sequence < highest; sequence++)
        {
            int slot = Slot(sequence);
            if (slots[slot] is not null || nackCount[slot] >= maxNacks) continue;
            if (nackCount[slot] > 0 && time.GetElapsedTime(nackedAt[slot], now) < nackInterval) continue;
            nackCount[slot]++;
            nackedAt[slot] = now;
            due.Add((ushort)sequence);
        }
        return due;
    }

    private void Start(ushort sequence)
    {
        started = true;
        next = highest = sequence;
    }

    /// <summary>
    /// When some held packet has waited <c>maxDelay</c>, gives up the missing ones before the first
    /// held packet; the overdue one may be later still, so the caller's next calls move on again.
    /// </summary>
    private bool SkipOverdueGap()
    {
        long now = time.GetTimestamp();
        bool overdue = false;
        for (long sequence = next + 1; sequence <= highest && !overdue; sequence++)
        {
            int slot = Slot(sequence);
            overdue = slots[slot] is not null && time.GetElapsedTime(arrivedAt[slot], now) >= maxDelay;
        }
        if (!overdue) return false;
        for (; slots[Slot(next)] is null; next++)
        {
            Free(Slot(next));
            LostPackets++;
        }
        return true;
    }

    /// <summary>Makes room up to <paramref name="newNext"/>: held packets there are dropped, missing ones lost.</summary>
    private void Discard(long newNext)
    {
        for (; next < newNext; next++)
        {
            int slot = Slot(next);
            if (slots[slot] is null) LostPackets++;
            else
            {
                OverflowedPackets++;
                held--;
            }
            Free(slot);
        }
    }

    private void Reset()
    {
        Array.Clear(slots);
        Array.Clear(nackCount);
        held = 0;
        poppedAny = false;
        Resets++;
    }

    private void Free(int slot)
    {
        slots[slot] = null;
        nackCount[slot] = 0;
    }

    private int Slot(long sequence) => (int)(((sequence % slots.Length) + slots.Length) % slots.Length);
}

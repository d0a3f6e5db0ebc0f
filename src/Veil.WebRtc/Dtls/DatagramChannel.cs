using System.Collections.Concurrent;
using Org.BouncyCastle.Tls;

namespace Veil.WebRtc.Dtls;

/// <summary>
/// The bridge between our shared UDP socket and BouncyCastle's blocking DTLS: the socket's receive
/// loop <see cref="Deliver"/>s the DTLS datagrams of one peer, the handshake thread takes them with
/// <see cref="Receive(Span{byte}, int)"/>, and what DTLS sends goes out through the <see cref="SendDatagram"/> given.
/// </summary>
public sealed class DatagramChannel(SendDatagram send) : DatagramTransport
{
    /// <summary>Largest datagram we send: fits the IPv6 minimum MTU with room for TURN, as browsers do.</summary>
    public const int SendLimit = 1200;

    /// <summary>Largest datagram we accept: an Ethernet MTU.</summary>
    public const int ReceiveLimit = 1500;

    // A handshake flight is a handful of datagrams; more than this queued means the reader is gone or we are flooded.
    private const int QueueCapacity = 64;

    private readonly ConcurrentQueue<byte[]> _queue = new();
    private readonly SemaphoreSlim _queued = new(0);
    private readonly CancellationTokenSource _closed = new();

    public bool IsClosed => _closed.IsCancellationRequested;

    /// <summary>
    /// Queues a copy of a datagram from the peer. False when it was dropped: the channel is closed, the
    /// queue is full, or it does not start with a well-formed DTLS record (RFC 6347 §4.1.2.7: invalid
    /// records are discarded silently).
    /// </summary>
    public bool Deliver(ReadOnlySpan<byte> datagram)
    {
        if (IsClosed || datagram.Length > ReceiveLimit || _queued.CurrentCount >= QueueCapacity) return false;
        if (!DtlsRecord.TryParseRecordHeader(datagram, out _, out _)) return false;
        _queue.Enqueue(datagram.ToArray());
        _queued.Release();
        return true;
    }

    /// <summary>Ends the channel: blocked and later receives fail, so a handshake waiting on the peer stops.</summary>
    public void Close() => _closed.Cancel();

    public int GetReceiveLimit() => ReceiveLimit;

    public int GetSendLimit() => SendLimit;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    /// <summary>The next datagram (cut to the buffer, as UDP does), or -1 when none came within <paramref name="waitMillis"/>.</summary>
    public int Receive(Span<byte> buffer, int waitMillis)
    {
        try
        {
            if (!_queued.Wait(waitMillis, _closed.Token)) return -1;
        }
        catch (OperationCanceledException)
        {
            throw new IOException("the DTLS datagram channel is closed");
        }
        _queue.TryDequeue(out var datagram); // one Release per Enqueue, so a datagram is there
        int length = Math.Min(datagram!.Length, buffer.Length);
        datagram.AsSpan(0, length).CopyTo(buffer);
        return length;
    }

    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    public void Send(ReadOnlySpan<byte> buffer)
    {
        if (IsClosed) throw new IOException("the DTLS datagram channel is closed");
        send(buffer);
    }
}

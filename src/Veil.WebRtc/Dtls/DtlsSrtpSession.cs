using Org.BouncyCastle.Tls;

namespace Veil.WebRtc.Dtls;

/// <summary>
/// An established DTLS-SRTP association: its SRTP keys, and its end. Keep delivering the peer's DTLS
/// datagrams to the channel after the handshake: reading them is what answers a peer that retransmits
/// its last flight because ours was lost (RFC 6347 §4.2.4), and what notices its close_notify.
/// </summary>
public sealed class DtlsSrtpSession : IAsyncDisposable
{
    // How long one read waits; the loop ends at once anyway when the channel closes.
    private const int ReadWaitMillis = 5000;

    private readonly DtlsTransport _transport;
    private readonly DatagramChannel _channel;
    private readonly HandshakeOutcome _outcome;
    private volatile bool _closedByUs;

    internal DtlsSrtpSession(DtlsTransport transport, DatagramChannel channel, HandshakeOutcome outcome)
    {
        _transport = transport;
        _channel = channel;
        _outcome = outcome;
        Srtp = outcome.Keys!;
        Closed = Task.Factory.StartNew(ReadUntilClosed, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public DtlsSrtpResult Srtp { get; }

    /// <summary>Completes with the reason once the association is over: the peer's close_notify or fatal alert, our <see cref="Close"/>, or a closed channel.</summary>
    public Task<string> Closed { get; }

    /// <summary>Sends close_notify and closes the channel.</summary>
    public void Close()
    {
        _closedByUs = true;
        _transport.Close();
    }

    public async ValueTask DisposeAsync()
    {
        Close();
        await Closed.ConfigureAwait(false);
    }

    private string ReadUntilClosed()
    {
        var buffer = new byte[_transport.GetReceiveLimit()];
        string? failure = null;
        try
        {
            // Application data would be a data channel, which Veil does not open: what is read is dropped.
            while (!_channel.IsClosed) _transport.Receive(buffer, 0, buffer.Length, ReadWaitMillis);
        }
        catch (Exception e) // any error ends the association; which one is told below
        {
            failure = e.Message;
        }
        // Ours first: the peer answers our close_notify with its own, which may arrive before this loop ends.
        if (_closedByUs) return "closed by us (close_notify sent)";
        return _outcome.PeerAlert ?? (failure is null ? "the datagram channel was closed" : $"the DTLS transport failed: {failure}");
    }
}

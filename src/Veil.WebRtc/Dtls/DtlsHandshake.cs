using Org.BouncyCastle.Tls;

namespace Veil.WebRtc.Dtls;

/// <summary>Runs BouncyCastle's blocking handshake on its own thread and turns its failures into <see cref="DtlsException"/>s.</summary>
internal static class DtlsHandshake
{
    /// <summary>The timeout as BouncyCastle takes it, where 0 would mean "wait forever".</summary>
    public static int TimeoutMillis(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.FromMilliseconds(1));
        return (int)Math.Min(timeout.TotalMilliseconds, int.MaxValue);
    }

    public static async Task<DtlsSrtpSession> RunAsync(DatagramChannel channel, HandshakeOutcome outcome, Func<DtlsTransport> handshake, TimeSpan timeout, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        DtlsTransport transport;
        // Closing the channel is what wakes the handshake thread blocked in Receive.
        using (ct.Register(channel.Close))
        {
            try
            {
                // Long-running: the handshake blocks its thread for up to the timeout, which must not starve the pool.
                transport = await Task.Factory.StartNew(handshake, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                throw Explain(e, outcome, timeout);
            }
            catch (Exception)
            {
                throw new OperationCanceledException(ct);
            }
        }
        if (ct.IsCancellationRequested)
        {
            transport.Close();
            throw new OperationCanceledException(ct);
        }
        return new DtlsSrtpSession(transport, channel, outcome);
    }

    private static DtlsException Explain(Exception e, HandshakeOutcome outcome, TimeSpan timeout) => e switch
    {
        _ when outcome.Rejection is { } rejection => rejection,
        TlsFatalAlertReceived alert => new DtlsException(DtlsFailure.AlertReceived,
            $"the peer ended the handshake with the fatal alert {AlertDescription.GetText(alert.AlertDescription)}", e),
        TlsTimeoutException => new DtlsException(DtlsFailure.Timeout,
            $"no DTLS handshake completed within {timeout.TotalSeconds:0.###} s: the peer is silent or its packets are lost", e),
        TlsFatalAlert alert => new DtlsException(DtlsFailure.HandshakeFailed, $"the DTLS handshake failed with {Describe(alert)}", e),
        _ => new DtlsException(DtlsFailure.HandshakeFailed, $"the DTLS handshake failed: {e.Message}", e),
    };

    /// <summary>"decode_error(50)", with what caused it when BouncyCastle says more than the alert.</summary>
    private static string Describe(TlsFatalAlert alert)
    {
        string name = AlertDescription.GetText(alert.AlertDescription);
        string detail = alert.InnerException?.Message ?? alert.Message;
        return detail == name ? name : $"{name}: {detail}";
    }
}

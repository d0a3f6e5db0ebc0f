using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Veil.WebRtc.Dtls;

/// <summary>Veil's DTLS-SRTP handshake (RFC 5763, RFC 5764). Veil is always the DTLS server: our SDP answer says a=setup:passive.</summary>
public static class DtlsSrtpServer
{
    /// <summary>
    /// Waits for the browser's ClientHello on <paramref name="channel"/> and completes the handshake, or throws
    /// a <see cref="DtlsException"/> saying why not (the channel is then closed, after a fatal alert where
    /// one can be sent); an <see cref="OperationCanceledException"/> when <paramref name="ct"/> fires.
    /// <paramref name="timeout"/> counts from this call, so start it once ICE has a working pair.
    /// </summary>
    public static Task<DtlsSrtpSession> AcceptAsync(DatagramChannel channel, DtlsCertificate certificate, DtlsFingerprint expectedClient, TimeSpan timeout, CancellationToken ct)
    {
        var outcome = new HandshakeOutcome();
        var server = new SrtpTlsServer(new BcTlsCrypto(), certificate, expectedClient, DtlsHandshake.TimeoutMillis(timeout), outcome);
        return DtlsHandshake.RunAsync(channel, outcome, () => new DtlsServerProtocol().Accept(server, channel), timeout, ct);
    }
}

using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Veil.WebRtc.Dtls;

/// <summary>The browser's role in DTLS-SRTP (the DTLS client), so that tests and tools can talk to <see cref="DtlsSrtpServer"/>.</summary>
public static class DtlsSrtpClient
{
    /// <summary>Handshakes as the client, offering <paramref name="offeredProfiles"/> in use_srtp; failures as in <see cref="DtlsSrtpServer.AcceptAsync"/>.</summary>
    public static Task<DtlsSrtpSession> ConnectAsync(DatagramChannel channel, DtlsCertificate certificate, DtlsFingerprint expectedServer, IReadOnlyList<ushort> offeredProfiles, TimeSpan timeout, CancellationToken ct)
    {
        var outcome = new HandshakeOutcome();
        var client = new SrtpTlsClient(new BcTlsCrypto(), certificate, expectedServer, offeredProfiles, DtlsHandshake.TimeoutMillis(timeout), outcome);
        return DtlsHandshake.RunAsync(channel, outcome, () => new DtlsClientProtocol().Connect(client, channel), timeout, ct);
    }
}

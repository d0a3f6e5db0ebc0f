using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;

namespace Veil.WebRtc.Dtls;

/// <summary>
/// The browser's side of DTLS-SRTP as a BouncyCastle client, for tests and tools: the cipher suites
/// Chrome and Firefox offer, the given SRTP profiles, our certificate, and the server's checked against its SDP fingerprint.
/// </summary>
internal sealed class SrtpTlsClient(TlsCrypto crypto, DtlsCertificate certificate, DtlsFingerprint expectedServer, IReadOnlyList<ushort> offeredProfiles, int timeoutMillis, HandshakeOutcome outcome)
    : DefaultTlsClient(crypto), TlsAuthentication
{
    private static readonly int[] CipherSuites =
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    private ushort _profile;

    public override int GetHandshakeTimeoutMillis() => timeoutMillis;

    public override bool RequiresExtendedMasterSecret() => true;

    // As for the server: after the handshake, a record that fails to decrypt is dropped (RFC 6347 §4.1.2.7).
    public override bool IgnoreCorruptDtlsRecords => true;

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() => TlsUtilities.GetSupportedCipherSuites(Crypto, CipherSuites);

    public override IDictionary<int, byte[]> GetClientExtensions()
    {
        var extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetClientExtensions());
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData(offeredProfiles.Select(p => (int)p).ToArray(), TlsUtilities.EmptyBytes));
        return extensions;
    }

    public override void ProcessServerExtensions(IDictionary<int, byte[]> serverExtensions)
    {
        base.ProcessServerExtensions(serverExtensions);
        var chosen = serverExtensions is null ? null : TlsSrtpUtilities.GetUseSrtpExtension(serverExtensions)?.ProtectionProfiles;
        if (chosen is not [var profile] || !offeredProfiles.Contains((ushort)profile))
        {
            string answer = chosen is null ? "no use_srtp extension" : string.Join(", ", chosen.Select(DtlsSrtpProfiles.Describe));
            throw outcome.Reject(DtlsFailure.NoCommonSrtpProfile, $"the server answered {answer}, not one of the SRTP profiles we offered", AlertDescription.illegal_parameter);
        }
        _profile = (ushort)profile;
    }

    public override TlsAuthentication GetAuthentication() => this;

    public void NotifyServerCertificate(TlsServerCertificate serverCertificate) => outcome.CheckPeerCertificate(serverCertificate.Certificate, expectedServer);

    public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) => certificate.SignerFor(m_context);

    public override void NotifyAlertReceived(short alertLevel, short alertDescription) => outcome.NoteAlert(alertLevel, alertDescription);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        outcome.Keys = DtlsSrtpResult.Export(m_context, _profile);
    }
}

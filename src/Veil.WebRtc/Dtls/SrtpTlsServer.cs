using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;

namespace Veil.WebRtc.Dtls;

/// <summary>
/// Veil's side of DTLS-SRTP as a BouncyCastle server: DTLS 1.2 with ECDHE_ECDSA suites (our certificate
/// is ECDSA), a required client certificate checked against the SDP fingerprint, use_srtp (GCM before
/// CM-80) and the extended master secret the keying-material exporter requires (RFC 7627 §5.4).
/// </summary>
internal sealed class SrtpTlsServer(TlsCrypto crypto, DtlsCertificate certificate, DtlsFingerprint expectedClient, int timeoutMillis, HandshakeOutcome outcome)
    : DefaultTlsServer(crypto)
{
    private static readonly int[] CipherSuites =
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    private int[] _offeredProfiles = [];
    private ushort? _profile;

    public override int GetHandshakeTimeoutMillis() => timeoutMillis;

    public override bool RequiresExtendedMasterSecret() => true;

    // RFC 6347 §4.1.2.7: once established, a record that fails to decrypt is dropped rather than ending the
    // association (BouncyCastle 2.7 consults this only after the handshake).
    public override bool IgnoreCorruptDtlsRecords => true;

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() => TlsUtilities.GetSupportedCipherSuites(Crypto, CipherSuites);

    protected override TlsCredentialedSigner GetECDsaSignerCredentials() => certificate.SignerFor(m_context);

    public override void ProcessClientExtensions(IDictionary<int, byte[]> clientExtensions)
    {
        base.ProcessClientExtensions(clientExtensions);
        _offeredProfiles = TlsSrtpUtilities.GetUseSrtpExtension(clientExtensions)?.ProtectionProfiles ?? [];
        _profile = DtlsSrtpProfiles.Choose(_offeredProfiles);
    }

    public override IDictionary<int, byte[]> GetServerExtensions()
    {
        var extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetServerExtensions());
        // RFC 5764 §4.1.1: one profile, and an empty MKI (we do not use MKIs).
        if (_profile is { } profile) TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData([profile], TlsUtilities.EmptyBytes));
        return extensions;
    }

    // The refusal of an offer without a common SRTP profile waits until here, the first call after
    // ServerHello is sent: BouncyCastle sends no alert before then, and the browser would wait for its timeout.
    public override IList<SupplementalDataEntry> GetServerSupplementalData()
    {
        if (_profile is null)
        {
            string offered = _offeredProfiles.Length == 0 ? "no use_srtp extension" : string.Join(", ", _offeredProfiles.Select(DtlsSrtpProfiles.Describe));
            throw outcome.Reject(DtlsFailure.NoCommonSrtpProfile,
                $"no common SRTP profile: the client offers {offered}; Veil supports {DtlsSrtpProfiles.Describe(DtlsSrtpProfiles.AeadAes128Gcm)} and {DtlsSrtpProfiles.Describe(DtlsSrtpProfiles.Aes128CmHmacSha1_80)}",
                AlertDescription.handshake_failure);
        }
        return base.GetServerSupplementalData();
    }

    // WebRTC authenticates the browser by its certificate, so one is required; browsers use ECDSA or RSA ones.
    public override CertificateRequest GetCertificateRequest() =>
        new([ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign], TlsUtilities.GetDefaultSupportedSignatureAlgorithms(m_context), null);

    public override void NotifyClientCertificate(Certificate clientCertificate) => outcome.CheckPeerCertificate(clientCertificate, expectedClient);

    public override void NotifyAlertReceived(short alertLevel, short alertDescription) => outcome.NoteAlert(alertLevel, alertDescription);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        outcome.Keys = DtlsSrtpResult.Export(m_context, _profile!.Value);
    }
}

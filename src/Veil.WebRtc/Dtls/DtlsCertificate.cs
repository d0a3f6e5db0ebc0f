using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using CertificateRequest = System.Security.Cryptography.X509Certificates.CertificateRequest;
using HashAlgorithm = Org.BouncyCastle.Tls.HashAlgorithm;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Veil.WebRtc.Dtls;

/// <summary>
/// Our self-signed DTLS certificate. WebRTC does not chain certificates to an authority: the peer
/// trusts it because its SHA-256 fingerprint travels in our SDP answer (RFC 5763 §5). One per process is enough.
/// </summary>
public sealed class DtlsCertificate
{
    private readonly AsymmetricKeyParameter _privateKey;

    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey)
    {
        Der = der;
        _privateKey = privateKey;
        Fingerprint = FingerprintOf(der);
    }

    /// <summary>The certificate, DER-encoded.</summary>
    public byte[] Der { get; }

    /// <summary>For the SDP <c>a=fingerprint</c> line: "sha-256 AB:CD:...".</summary>
    public string Fingerprint { get; }

    /// <summary>An ECDSA P-256 certificate signed with SHA-256, CN=veil, a random serial, valid from yesterday (clock skew) for 30 days.</summary>
    public static DtlsCertificate Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=veil", key, HashAlgorithmName.SHA256);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // DER integers are signed; a serial must be positive (RFC 5280 §4.1.2.2)
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        using var certificate = request.Create(request.SubjectName, X509SignatureGenerator.CreateForECDsa(key), notBefore, notBefore.AddDays(30), serial);
        return new DtlsCertificate(certificate.RawData, PrivateKeyFactory.CreateKey(key.ExportPkcs8PrivateKey()));
    }

    /// <summary>"sha-256 AB:CD:..." of a DER certificate, upper-case hex as RFC 8122 writes it.</summary>
    public static string FingerprintOf(ReadOnlySpan<byte> der) => DtlsFingerprint.Of(der).ToString();

    /// <summary>What BouncyCastle signs our side of the handshake with: ecdsa_secp256r1_sha256, which every browser accepts.</summary>
    internal TlsCredentialedSigner SignerFor(TlsContext context)
    {
        var crypto = (BcTlsCrypto)context.Crypto;
        var chain = new Certificate([crypto.CreateCertificate(Der)]);
        var algorithm = SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, _privateKey, chain, algorithm);
    }
}

using Org.BouncyCastle.Tls;

namespace Veil.WebRtc.Dtls;

/// <summary>
/// What our BouncyCastle peer learnt on the handshake thread, read afterwards: why we refused the
/// peer (BouncyCastle only carries an alert number), the SRTP keys, and an alert the peer sent.
/// </summary>
internal sealed class HandshakeOutcome
{
    private volatile string? _peerAlert;

    public DtlsException? Rejection { get; private set; }

    public DtlsSrtpResult? Keys { get; set; }

    /// <summary>"the peer sent close_notify" or its fatal alert; null while it sent neither.</summary>
    public string? PeerAlert => _peerAlert;

    /// <summary>Records why we refuse the peer and gives the alert to throw, which BouncyCastle sends before it gives up.</summary>
    public TlsFatalAlert Reject(DtlsFailure reason, string message, short alert)
    {
        Rejection ??= new DtlsException(reason, message);
        return new TlsFatalAlert(alert, message);
    }

    /// <summary>RFC 5763 §5: the peer is authenticated by its certificate hashing to the fingerprint of its SDP.</summary>
    public void CheckPeerCertificate(Certificate? chain, DtlsFingerprint expected)
    {
        if (chain is null || chain.IsEmpty)
            throw Reject(DtlsFailure.FingerprintMismatch, $"the peer sent no certificate, but its SDP announced {expected}", AlertDescription.handshake_failure);
        var der = chain.GetCertificateAt(0).GetEncoded();
        if (!expected.Matches(der))
            throw Reject(DtlsFailure.FingerprintMismatch,
                $"the peer's certificate fingerprint {DtlsFingerprint.Of(expected.Algorithm, der)} does not match the SDP's {expected}",
                AlertDescription.bad_certificate);
    }

    public void NoteAlert(short level, short description)
    {
        if (description == AlertDescription.close_notify) _peerAlert = "the peer sent close_notify";
        else if (level == AlertLevel.fatal) _peerAlert = $"the peer sent the fatal alert {AlertDescription.GetText(description)}";
    }
}

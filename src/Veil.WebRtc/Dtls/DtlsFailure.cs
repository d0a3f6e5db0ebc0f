namespace Veil.WebRtc.Dtls;

/// <summary>Why a DTLS-SRTP handshake, or the parsing of its SDP inputs, failed.</summary>
public enum DtlsFailure
{
    /// <summary>The peer did not complete the handshake in time (silent, or its packets were lost).</summary>
    Timeout,

    /// <summary>The peer's certificate is missing or does not hash to the fingerprint its SDP announced.</summary>
    FingerprintMismatch,

    /// <summary>No SRTP protection profile is offered by the client and supported by us (RFC 5764 §4.1.2).</summary>
    NoCommonSrtpProfile,

    /// <summary>The peer ended the handshake with a fatal alert.</summary>
    AlertReceived,

    /// <summary>An SDP <c>a=fingerprint</c> value that cannot be read.</summary>
    MalformedFingerprint,

    /// <summary>Any other failure of the handshake (a malformed message, no common cipher suite, a failed signature, ...).</summary>
    HandshakeFailed,
}

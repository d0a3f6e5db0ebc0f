namespace Veil.WebRtc.Dtls;

/// <summary>A DTLS-SRTP handshake that failed, or an SDP fingerprint that is malformed, with the reason.</summary>
public sealed class DtlsException(DtlsFailure reason, string message, Exception? inner = null) : Exception(message, inner)
{
    public DtlsFailure Reason { get; } = reason;
}

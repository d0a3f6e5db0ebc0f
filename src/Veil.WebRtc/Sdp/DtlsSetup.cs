namespace Veil.WebRtc.Sdp;

/// <summary>The <c>a=setup</c> role (RFC 8842 §5.1, from RFC 4145): who opens the DTLS association.</summary>
public enum DtlsSetup
{
    Active,
    Passive,
    ActPass,
    HoldConn,
}

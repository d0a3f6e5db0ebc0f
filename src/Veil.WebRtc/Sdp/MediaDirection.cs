namespace Veil.WebRtc.Sdp;

/// <summary>The direction attribute of a media section (RFC 8866 §6.7); sendrecv when absent.</summary>
public enum MediaDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}

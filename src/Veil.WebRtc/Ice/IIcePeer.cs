using System.Net;

namespace Veil.WebRtc.Ice;

/// <summary>What the ICE-lite mux needs from one WebRTC session: its credentials and where its packets go.</summary>
public interface IIcePeer
{
    /// <summary>Our ufrag for this session: the first half of the USERNAME the browser sends.</summary>
    string LocalUfrag { get; }

    /// <summary>The browser's ufrag from its offer: the second half of USERNAME.</summary>
    string RemoteUfrag { get; }

    /// <summary>Our ICE password (UTF-8), the MESSAGE-INTEGRITY key of the browser's checks.</summary>
    byte[] LocalPassword { get; }

    /// <summary>A DTLS, RTP or RTCP datagram from an address that passed this session's checks; valid only during the call.</summary>
    void OnPacket(PacketKind kind, ReadOnlySpan<byte> packet, IPEndPoint from);

    /// <summary>The browser nominated (or first proved) this address: the session sends there from now on.</summary>
    void OnRemoteSelected(IPEndPoint remote);

    /// <summary>No valid check for the consent timeout (RFC 7675): the session must end.</summary>
    void OnConsentExpired();
}

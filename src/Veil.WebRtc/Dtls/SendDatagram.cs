namespace Veil.WebRtc.Dtls;

/// <summary>Sends one UDP datagram to the peer; the span is only valid during the call. Called from the handshake thread.</summary>
public delegate void SendDatagram(ReadOnlySpan<byte> datagram);

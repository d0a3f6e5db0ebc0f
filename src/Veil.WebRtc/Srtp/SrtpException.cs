namespace Veil.WebRtc.Srtp;

/// <summary>A packet SRTP refuses — malformed, replayed, or failing authentication — with the reason.</summary>
public sealed class SrtpException(string message) : Exception(message);

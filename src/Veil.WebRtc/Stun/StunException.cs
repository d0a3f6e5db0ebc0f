namespace Veil.WebRtc.Stun;

/// <summary>A packet that is not a well-formed STUN message, with what is wrong with it.</summary>
public sealed class StunException(string message) : Exception(message);

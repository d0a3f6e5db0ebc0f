namespace Veil.WebRtc.Srtp;

/// <summary>
/// The two directions' master keys and salts of a DTLS-SRTP association. The DTLS client protects
/// what it sends with the client key and salt, the server with the server ones (RFC 5764 §4.2).
/// </summary>
public sealed record SrtpKeys(byte[] ClientKey, byte[] ClientSalt, byte[] ServerKey, byte[] ServerSalt);

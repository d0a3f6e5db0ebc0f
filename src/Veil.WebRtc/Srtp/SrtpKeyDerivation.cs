namespace Veil.WebRtc.Srtp;

/// <summary>
/// The SRTP key derivation function (RFC 3711 §4.3) with key_derivation_rate 0, the only rate
/// DTLS-SRTP uses (RFC 5764 §4.1.2). A session key is the AES-CM keystream under the master key
/// from the IV <c>(master_salt XOR (label || 0^48)) * 2^16</c>:
///
/// <code>
///  byte  0                   7    8                 13 14 15
///       +---------------------+----+-------------------+-----+
///       |  master salt (112 bits; a 96-bit GCM salt is   | 0 0 |
///       |  zero-padded on the right, as libsrtp does)     |     |
///       +---------------------+----+-------------------+-----+
///                      XOR  label  (index DIV kdr = 0)
/// </code>
/// </summary>
internal static class SrtpKeyDerivation
{
    public const byte RtpEncryption = 0x00, RtpAuthentication = 0x01, RtpSalt = 0x02;
    public const byte RtcpEncryption = 0x03, RtcpAuthentication = 0x04, RtcpSalt = 0x05;
    private const int LabelOffset = 7;

    public static byte[] Derive(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, byte label, int length)
    {
        Span<byte> iv = stackalloc byte[AesCounterMode.BlockSize];
        iv.Clear();
        masterSalt.CopyTo(iv);
        iv[LabelOffset] ^= label;
        var output = new byte[length];
        using var prf = new AesCounterMode(masterKey);
        prf.Apply(iv, output);
        return output;
    }
}

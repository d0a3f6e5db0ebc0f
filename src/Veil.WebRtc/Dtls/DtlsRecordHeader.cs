namespace Veil.WebRtc.Dtls;

/// <summary>The 13-byte header of a DTLS 1.0/1.2 record (RFC 6347 §4.1).</summary>
public readonly record struct DtlsRecordHeader(byte ContentType, ushort Version, ushort Epoch, ulong SequenceNumber, ushort Length)
{
    public const int Size = 13;
    public const byte ChangeCipherSpec = 20, Alert = 21, Handshake = 22, ApplicationData = 23, Heartbeat = 24;
    public const ushort Dtls10 = 0xFEFF, Dtls12 = 0xFEFD;
}

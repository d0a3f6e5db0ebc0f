using System.Buffers.Binary;
using Veil.WebRtc.Dtls;

namespace Veil.WebRtc.Tests.Dtls;

/// <summary>DTLS-shaped random input for the handshake fuzz tests.</summary>
internal static class DtlsFuzz
{
    /// <summary>A well-formed DTLS 1.2 record of the given epoch with random type, sequence number and body.</summary>
    public static byte[] RecordOfEpoch(Random random, ushort epoch)
    {
        var bytes = Fuzz.RandomBytes(random, DtlsRecordHeader.Size + random.Next(0, 120));
        bytes[0] = (byte)random.Next(DtlsRecordHeader.ChangeCipherSpec, DtlsRecordHeader.Heartbeat + 1);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(1), DtlsRecordHeader.Dtls12);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(3), epoch);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(11), (ushort)(bytes.Length - DtlsRecordHeader.Size));
        return bytes;
    }
}

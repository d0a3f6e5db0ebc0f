using System.Buffers.Binary;
using Veil.WebRtc.Dtls;

namespace Veil.WebRtc.Tests.Dtls;

/// <summary>Random and mutated inputs for the DTLS fuzz tests (fixed seeds in the callers).</summary>
internal static class Fuzz
{
    public static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>One to three bytes changed, and a quarter of the time cut short.</summary>
    public static byte[] Mutate(Random random, byte[] source)
    {
        var bytes = (byte[])source.Clone();
        for (int k = random.Next(1, 4); k > 0; k--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        return random.Next(4) == 0 ? bytes[..random.Next(bytes.Length)] : bytes;
    }

    /// <summary>A well-formed DTLS 1.2 record of the given epoch with random type, sequence number and body.</summary>
    public static byte[] RecordOfEpoch(Random random, ushort epoch)
    {
        var bytes = RandomBytes(random, DtlsRecordHeader.Size + random.Next(0, 120));
        bytes[0] = (byte)random.Next(DtlsRecordHeader.ChangeCipherSpec, DtlsRecordHeader.Heartbeat + 1);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(1), DtlsRecordHeader.Dtls12);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(3), epoch);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(11), (ushort)(bytes.Length - DtlsRecordHeader.Size));
        return bytes;
    }
}

using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Veil.WebRtc.Stun;

/// <summary>
/// The messages ICE needs: the Binding success response an ICE-lite agent sends (XOR-MAPPED-ADDRESS,
/// MESSAGE-INTEGRITY, FINGERPRINT) and the Binding request a full agent sends (USERNAME, optional
/// USE-CANDIDATE, MESSAGE-INTEGRITY, FINGERPRINT), which tests use to play the browser.
/// </summary>
public static class StunWriter
{
    public static byte[] BindingSuccess(ReadOnlySpan<byte> transactionId, IPEndPoint mapped, byte[] key)
    {
        byte[] address = mapped.Address.GetAddressBytes();
        var value = new byte[4 + address.Length];
        value[1] = (byte)(address.Length == 4 ? 1 : 2);
        BinaryPrimitives.WriteUInt16BigEndian(value.AsSpan(2), (ushort)(mapped.Port ^ (int)(StunMessage.MagicCookie >> 16)));
        Span<byte> mask = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(mask, StunMessage.MagicCookie);
        transactionId.CopyTo(mask[4..]);
        for (int i = 0; i < address.Length; i++) value[4 + i] = (byte)(address[i] ^ mask[i]); // cookie, then transaction id
        return Build(StunMessage.BindingSuccess, transactionId, [(StunMessage.XorMappedAddress, value)], key);
    }

    public static byte[] BindingRequest(ReadOnlySpan<byte> transactionId, string username, byte[] key, bool useCandidate)
    {
        var attributes = new List<(ushort, byte[])> { (StunMessage.Username, Encoding.UTF8.GetBytes(username)) };
        if (useCandidate) attributes.Add((StunMessage.UseCandidate, []));
        return Build(StunMessage.BindingRequest, transactionId, attributes, key);
    }

    private static byte[] Build(ushort type, ReadOnlySpan<byte> transactionId, IReadOnlyList<(ushort Type, byte[] Value)> attributes, byte[] key)
    {
        if (transactionId.Length != 12) throw new ArgumentException("a STUN transaction id is 12 bytes", nameof(transactionId));
        int size = StunMessage.HeaderSize + attributes.Sum(a => 4 + ((a.Value.Length + 3) & ~3)) + 24 + 8;
        var message = new byte[size];
        BinaryPrimitives.WriteUInt16BigEndian(message, type);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(4), StunMessage.MagicCookie);
        transactionId.CopyTo(message.AsSpan(8));

        int pos = StunMessage.HeaderSize;
        foreach (var (attributeType, value) in attributes)
        {
            WriteHeader(message, pos, attributeType, value.Length);
            value.CopyTo(message, pos + 4);
            pos += 4 + ((value.Length + 3) & ~3);
        }

        var integrity = StunMessage.IntegrityOver(message.AsSpan(0, pos), key);
        WriteHeader(message, pos, StunMessage.MessageIntegrity, 20);
        integrity.CopyTo(message, pos + 4);
        pos += 24;

        uint fingerprint = StunMessage.FingerprintOver(message.AsSpan(0, pos));
        WriteHeader(message, pos, StunMessage.Fingerprint, 4);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(pos + 4), fingerprint);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)(message.Length - StunMessage.HeaderSize));
        return message;
    }

    private static void WriteHeader(byte[] message, int pos, ushort type, int length)
    {
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(pos), type);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(pos + 2), (ushort)length);
    }
}

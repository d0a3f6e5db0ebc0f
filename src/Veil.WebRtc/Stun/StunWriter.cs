using System.Buffers.Binary;
using System.Net;

namespace Veil.WebRtc.Stun;

/// <summary>The one message an ICE-lite agent sends: a Binding success response with XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY and FINGERPRINT.</summary>
public static class StunWriter
{
    public static byte[] BindingSuccess(ReadOnlySpan<byte> transactionId, IPEndPoint mapped, byte[] key)
    {
        if (transactionId.Length != 12) throw new ArgumentException("a STUN transaction id is 12 bytes", nameof(transactionId));
        byte[] address = mapped.Address.GetAddressBytes();
        int xmaLength = 4 + address.Length;
        var message = new byte[StunMessage.HeaderSize + 4 + xmaLength + 24 + 8];
        BinaryPrimitives.WriteUInt16BigEndian(message, StunMessage.BindingSuccess);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(4), StunMessage.MagicCookie);
        transactionId.CopyTo(message.AsSpan(8));

        int pos = StunMessage.HeaderSize;
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(pos), StunMessage.XorMappedAddress);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(pos + 2), (ushort)xmaLength);
        message[pos + 5] = (byte)(address.Length == 4 ? 1 : 2);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(pos + 6), (ushort)(mapped.Port ^ (int)(StunMessage.MagicCookie >> 16)));
        for (int i = 0; i < address.Length; i++) message[pos + 8 + i] = (byte)(address[i] ^ message[4 + i]); // cookie, then transaction id
        pos += 4 + xmaLength;

        var integrity = StunMessage.IntegrityOver(message.AsSpan(0, pos), key);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(pos), StunMessage.MessageIntegrity);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(pos + 2), 20);
        integrity.CopyTo(message, pos + 4);
        pos += 24;

        uint fingerprint = StunMessage.FingerprintOver(message.AsSpan(0, pos));
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(pos), StunMessage.Fingerprint);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(pos + 2), 4);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(pos + 4), fingerprint);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)(message.Length - StunMessage.HeaderSize));
        return message;
    }
}

using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;

namespace Veil.WebRtc.Stun;

/// <summary>One attribute: its type, where its TLV starts in the packet, and its value (padding removed).</summary>
public sealed record StunAttribute(ushort Type, int Offset, byte[] Value);

/// <summary>
/// A STUN message (RFC 8489) as ICE-lite needs it: the header, the attributes, and the checks of
/// MESSAGE-INTEGRITY (HMAC-SHA1 keyed with the short-term password) and FINGERPRINT (CRC-32 xor
/// 0x5354554E), each computed over the message up to the attribute with the length field set as
/// if the attribute ended it. A malformed packet is a <see cref="StunException"/> saying why.
/// </summary>
public sealed class StunMessage
{
    public const uint MagicCookie = 0x2112A442;
    public const ushort BindingRequest = 0x0001, BindingSuccess = 0x0101;
    public const ushort Username = 0x0006, MessageIntegrity = 0x0008, XorMappedAddress = 0x0020, UseCandidate = 0x0025, Fingerprint = 0x8028;
    public const int HeaderSize = 20;
    private const uint FingerprintXor = 0x5354554E;

    private StunMessage(ushort type, byte[] transactionId, IReadOnlyList<StunAttribute> attributes)
    {
        Type = type;
        TransactionId = transactionId;
        Attributes = attributes;
    }

    public ushort Type { get; }
    public byte[] TransactionId { get; }
    public IReadOnlyList<StunAttribute> Attributes { get; }

    public StunAttribute? Find(ushort type) => Attributes.FirstOrDefault(a => a.Type == type);

    /// <summary>Cheap test for demultiplexing one UDP port: the first two bits zero and the magic cookie in place.</summary>
    public static bool Looks(ReadOnlySpan<byte> packet) =>
        packet.Length >= HeaderSize && (packet[0] & 0xC0) == 0 && BinaryPrimitives.ReadUInt32BigEndian(packet[4..]) == MagicCookie;

    public static StunMessage Parse(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < HeaderSize) throw new StunException($"{packet.Length} bytes are shorter than a STUN header (20)");
        if ((packet[0] & 0xC0) != 0) throw new StunException($"not STUN: the first byte 0x{packet[0]:x2} has its top bits set");
        if (BinaryPrimitives.ReadUInt32BigEndian(packet[4..]) != MagicCookie) throw new StunException("not STUN: no magic cookie 0x2112A442");
        int length = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (length % 4 != 0) throw new StunException($"message length {length} is not a multiple of 4");
        if (HeaderSize + length != packet.Length) throw new StunException($"message length {length} but {packet.Length - HeaderSize} bytes follow the header");
        var attributes = new List<StunAttribute>();
        int pos = HeaderSize;
        while (pos < packet.Length)
        {
            if (pos + 4 > packet.Length) throw new StunException($"attribute header cut short at byte {pos}");
            ushort type = BinaryPrimitives.ReadUInt16BigEndian(packet[pos..]);
            int valueLength = BinaryPrimitives.ReadUInt16BigEndian(packet[(pos + 2)..]);
            int padded = (valueLength + 3) & ~3;
            if (pos + 4 + padded > packet.Length) throw new StunException($"attribute 0x{type:x4} of {valueLength} bytes runs past the message end");
            attributes.Add(new StunAttribute(type, pos, packet.Slice(pos + 4, valueLength).ToArray()));
            pos += 4 + padded;
        }
        return new StunMessage(BinaryPrimitives.ReadUInt16BigEndian(packet), packet.Slice(8, 12).ToArray(), attributes);
    }

    /// <summary>True when MESSAGE-INTEGRITY is present and matches <paramref name="key"/> (the password, UTF-8, for short-term credentials).</summary>
    public bool VerifyIntegrity(ReadOnlySpan<byte> packet, byte[] key)
    {
        if (Find(MessageIntegrity) is not { Value.Length: 20 } mi) return false;
        var expected = IntegrityOver(packet[..mi.Offset], key);
        return CryptographicOperations.FixedTimeEquals(expected, mi.Value);
    }

    /// <summary>True when FINGERPRINT is present, last, and matches.</summary>
    public bool VerifyFingerprint(ReadOnlySpan<byte> packet)
    {
        if (Attributes.Count == 0 || Attributes[^1] is not { Type: Fingerprint, Value.Length: 4 } fp) return false;
        return FingerprintOver(packet[..fp.Offset]) == BinaryPrimitives.ReadUInt32BigEndian(fp.Value);
    }

    /// <summary>The XOR-MAPPED-ADDRESS, decoded (IPv4 or IPv6); null when absent.</summary>
    public IPEndPoint? MappedAddress()
    {
        if (Find(XorMappedAddress) is not { } a || a.Value.Length < 8) return null;
        int port = BinaryPrimitives.ReadUInt16BigEndian(a.Value.AsSpan(2)) ^ (int)(MagicCookie >> 16);
        var mask = new byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(mask, MagicCookie);
        TransactionId.CopyTo(mask, 4);
        int size = a.Value[1] switch { 1 => 4, 2 => 16, var f => throw new StunException($"XOR-MAPPED-ADDRESS family {f} is neither IPv4 (1) nor IPv6 (2)") };
        if (a.Value.Length < 4 + size) throw new StunException("XOR-MAPPED-ADDRESS is cut short");
        var address = new byte[size];
        for (int i = 0; i < size; i++) address[i] = (byte)(a.Value[4 + i] ^ mask[i]);
        return new IPEndPoint(new IPAddress(address), port);
    }

    /// <summary>HMAC-SHA1 over <paramref name="prefix"/> (the message before MESSAGE-INTEGRITY), its length set to end with that attribute.</summary>
    internal static byte[] IntegrityOver(ReadOnlySpan<byte> prefix, byte[] key)
    {
        var copy = prefix.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(2), (ushort)(prefix.Length - HeaderSize + 24));
        return HMACSHA1.HashData(key, copy);
    }

    /// <summary>CRC-32 xor 0x5354554E over <paramref name="prefix"/> (the message before FINGERPRINT), its length set to end with it.</summary>
    internal static uint FingerprintOver(ReadOnlySpan<byte> prefix)
    {
        var copy = prefix.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(2), (ushort)(prefix.Length - HeaderSize + 8));
        return Crc32.Compute(copy) ^ FingerprintXor;
    }
}

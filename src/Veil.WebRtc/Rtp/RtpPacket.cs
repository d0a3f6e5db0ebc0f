using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Veil.WebRtc.Rtp;

/// <summary>
/// One RTP packet (RFC 3550 §5.1), already decrypted. A parsed packet slices the caller's memory
/// rather than copying it, so it stays valid only while that buffer is not reused. To build one,
/// set the init properties and call <see cref="WriteTo"/> or <see cref="ToArray"/>.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|X|  CC   |M|     PT      |       sequence number         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                           timestamp                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           synchronization source (SSRC) identifier            |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |       contributing source (CSRC) identifiers (CC of them)     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   defined by profile (X=1)    |     length (32-bit words)     |
/// |                  header extension (RFC 8285)                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |             payload ...       |  padding (P=1)  | pad count   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class RtpPacket
{
    public const int FixedHeaderSize = 12;

    public bool Marker { get; init; }

    public byte PayloadType
    {
        get;
        init => field = value <= 127 ? value : throw new ArgumentOutOfRangeException(nameof(PayloadType), value, "an RTP payload type has 7 bits");
    }

    public ushort SequenceNumber { get; init; }
    public uint Timestamp { get; init; }
    public uint Ssrc { get; init; }

    public IReadOnlyList<uint> Csrcs
    {
        get;
        init => field = value.Count <= 15 ? value : throw new ArgumentOutOfRangeException(nameof(Csrcs), value.Count, "at most 15 CSRCs fit the CC field");
    } = [];

    /// <summary>The X bit: a header extension follows the CSRCs (possibly of zero length).</summary>
    public bool HasExtension { get; init; }

    /// <summary>0xBEDE for RFC 8285 one-byte elements, 0x100x for two-byte elements.</summary>
    public ushort ExtensionProfile { get; init; }

    /// <summary>The extension body after its 4-byte header, a multiple of 4 bytes.</summary>
    public ReadOnlyMemory<byte> Extension { get; init; }

    /// <summary>The payload with any padding removed.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>Padding bytes the parsed packet carried (count byte included); padding is never written.</summary>
    public int PaddingLength { get; private init; }

    public int Size => FixedHeaderSize + 4 * Csrcs.Count + (HasExtension ? 4 + Extension.Length : 0) + Payload.Length;

    /// <summary>RFC 7983 §7: a first byte of 128..191 is RTP or RTCP (not STUN, DTLS or TURN).</summary>
    public static bool Looks(ReadOnlySpan<byte> datagram) => datagram.Length > 0 && datagram[0] is >= 128 and <= 191;

    /// <summary>RFC 5761 §4: on a muxed port, a second byte of 192..223 (payload type 64..95 with the marker) is RTCP.</summary>
    public static bool IsRtcp(ReadOnlySpan<byte> datagram) => Looks(datagram) && datagram.Length > 1 && datagram[1] is >= 192 and <= 223;

    public static bool TryParse(ReadOnlyMemory<byte> data, [NotNullWhen(true)] out RtpPacket? packet, [NotNullWhen(false)] out string? error)
    {
        packet = null;
        var span = data.Span;
        if (span.Length < FixedHeaderSize) return Fail($"{span.Length} bytes are shorter than an RTP header (12)", out error);
        int version = span[0] >> 6;
        if (version != 2) return Fail($"RTP version {version}, expected 2", out error);
        bool padded = (span[0] & 0x20) != 0, extended = (span[0] & 0x10) != 0;
        int csrcCount = span[0] & 0x0F;
        int pos = FixedHeaderSize + 4 * csrcCount;
        if (pos > span.Length) return Fail($"{csrcCount} CSRCs run past the end of the {span.Length}-byte packet", out error);

        ushort profile = 0;
        var extension = ReadOnlyMemory<byte>.Empty;
        if (extended)
        {
            if (pos + 4 > span.Length) return Fail("the header extension's own header runs past the packet end", out error);
            profile = BinaryPrimitives.ReadUInt16BigEndian(span[pos..]);
            int extensionLength = 4 * BinaryPrimitives.ReadUInt16BigEndian(span[(pos + 2)..]);
            if (pos + 4 + extensionLength > span.Length) return Fail($"header extension of {extensionLength} bytes runs past the packet end", out error);
            extension = data.Slice(pos + 4, extensionLength);
            pos += 4 + extensionLength;
        }

        int padding = 0;
        if (padded)
        {
            if (pos == span.Length) return Fail("padding flag set but nothing follows the header", out error);
            padding = span[^1];
            if (padding == 0) return Fail("padding length 0 (it counts itself, so at least 1)", out error);
            if (padding > span.Length - pos) return Fail($"padding length {padding} exceeds payload ({span.Length - pos} bytes)", out error);
        }

        uint[] csrcs = csrcCount == 0 ? [] : new uint[csrcCount];
        for (int i = 0; i < csrcCount; i++) csrcs[i] = BinaryPrimitives.ReadUInt32BigEndian(span[(FixedHeaderSize + 4 * i)..]);
        packet = new RtpPacket
        {
            Marker = (span[1] & 0x80) != 0,
            PayloadType = (byte)(span[1] & 0x7F),
            SequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(span[2..]),
            Timestamp = BinaryPrimitives.ReadUInt32BigEndian(span[4..]),
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(span[8..]),
            Csrcs = csrcs,
            HasExtension = extended,
            ExtensionProfile = profile,
            Extension = extension,
            Payload = data[pos..^padding],
            PaddingLength = padding,
        };
        error = null;
        return true;
    }

    /// <summary>The value of RFC 8285 extension element <paramref name="id"/>, from one-byte (0xBEDE) or two-byte (0x100x) extensions.</summary>
    public bool TryGetExtension(int id, out ReadOnlyMemory<byte> value) => RtpExtensionElements.TryFind(this, id, out value);

    /// <summary>Writes the packet (no padding) and returns its size.</summary>
    public int WriteTo(Span<byte> destination)
    {
        if (Extension.Length % 4 != 0) throw new InvalidOperationException($"a header extension of {Extension.Length} bytes is not a whole number of 32-bit words");
        if (Extension.Length / 4 > ushort.MaxValue) throw new InvalidOperationException("the header extension is longer than its 16-bit length field allows");
        int size = Size;
        if (destination.Length < size) throw new ArgumentException($"the RTP packet needs {size} bytes, the buffer has {destination.Length}", nameof(destination));
        destination[0] = (byte)(0x80 | (HasExtension ? 0x10 : 0) | Csrcs.Count);
        destination[1] = (byte)((Marker ? 0x80 : 0) | PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Ssrc);
        int pos = FixedHeaderSize;
        foreach (uint csrc in Csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[pos..], csrc);
            pos += 4;
        }
        if (HasExtension)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[pos..], ExtensionProfile);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(pos + 2)..], (ushort)(Extension.Length / 4));
            Extension.Span.CopyTo(destination[(pos + 4)..]);
            pos += 4 + Extension.Length;
        }
        Payload.Span.CopyTo(destination[pos..]);
        return size;
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    private static bool Fail(string reason, out string error)
    {
        error = reason;
        return false;
    }
}

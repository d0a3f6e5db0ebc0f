using System.Buffers.Binary;

namespace Veil.WebRtc.Matroska;

// RFC 8794 §4-§6: an element is its ID, its data size as a variable-length integer, then its data.
//
//   ID (1-4 bytes, marker bits included) | VINT size: 1 marker bit after (length-1) zero bits, then the value
//   0x81 = size 1 in one byte, 0x40 0x02 = size 2 in two bytes, 0x01 FF FF FF FF FF FF FF = unknown size

/// <summary>Encoding of element IDs and sizes into spans.</summary>
internal static class Ebml
{
    /// <summary>The reserved all-ones 8-byte size: "unknown", which lets a live Segment or Cluster stay open (RFC 8794 §6.2).</summary>
    public const ulong UnknownSize = 0x01FFFFFFFFFFFFFF;

    public static int IdLength(uint id) => id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;

    /// <summary>The shortest VINT for <paramref name="size"/>; all ones in the value bits means unknown, so it is avoided.</summary>
    public static int SizeLength(long size)
    {
        int length = 1;
        while (length < 8 && size >= (1L << (7 * length)) - 1) length++;
        return length;
    }

    public static int UnsignedLength(ulong value)
    {
        int length = 1;
        while (length < 8 && value >> (8 * length) != 0) length++;
        return length;
    }

    public static int WriteId(Span<byte> destination, uint id)
    {
        int length = IdLength(id);
        for (int i = 0; i < length; i++) destination[i] = (byte)(id >> (8 * (length - 1 - i)));
        return length;
    }

    public static int WriteSize(Span<byte> destination, long size)
    {
        int length = SizeLength(size);
        ulong marked = (ulong)size | (1UL << (7 * length));
        for (int i = 0; i < length; i++) destination[i] = (byte)(marked >> (8 * (length - 1 - i)));
        return length;
    }

    public static int WriteUnknownSize(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, UnknownSize);
        return 8;
    }

    /// <summary>An unsigned integer element: ID, size, then the value big-endian in as few bytes as it needs.</summary>
    public static int WriteUnsigned(Span<byte> destination, uint id, ulong value)
    {
        int position = WriteId(destination, id);
        int length = UnsignedLength(value);
        position += WriteSize(destination[position..], length);
        for (int i = 0; i < length; i++) destination[position + i] = (byte)(value >> (8 * (length - 1 - i)));
        return position + length;
    }
}

using System.Buffers.Binary;
using Veil.Ingest.Rtmp.Wire;

namespace Veil.Fuzz.Targets;

// FLV tags one after another (FLV specification 10.1, annex E.4.1):
//   type (u8) | data size (u24) | timestamp (u24, low bits) | timestamp extended (u8, high bits)
//   | stream id 0 (u24) | data | previous tag size = 11 + data size (u32)

/// <summary>Reads FLV tags: the FlvTag corpus's inputs, and the FLV stream a publish produced.</summary>
public static class FlvTags
{
    /// <summary>
    /// The whole tags at the start of <paramref name="bytes"/>; <paramref name="rest"/> is what
    /// follows the last one (a tag cut short, or garbage). Trailers are only read when
    /// <paramref name="checkTrailers"/>: then a wrong one ends the list there.
    /// </summary>
    public static List<FlvTagData> Read(ReadOnlySpan<byte> bytes, bool checkTrailers, out int rest)
    {
        var tags = new List<FlvTagData>();
        while (bytes.Length >= FlvTag.HeaderSize + FlvTag.TrailerSize)
        {
            int size = bytes[1] << 16 | bytes[2] << 8 | bytes[3];
            if (bytes.Length < FlvTag.HeaderSize + size + FlvTag.TrailerSize) break;
            if (checkTrailers && BinaryPrimitives.ReadUInt32BigEndian(bytes[(FlvTag.HeaderSize + size)..]) != FlvTag.HeaderSize + size) break;
            uint timestamp = (uint)(bytes[7] << 24 | bytes[4] << 16 | bytes[5] << 8 | bytes[6]);
            tags.Add(new FlvTagData(bytes[0], timestamp, bytes.Slice(FlvTag.HeaderSize, size).ToArray()));
            bytes = bytes[(FlvTag.HeaderSize + size + FlvTag.TrailerSize)..];
        }
        rest = bytes.Length;
        return tags;
    }
}

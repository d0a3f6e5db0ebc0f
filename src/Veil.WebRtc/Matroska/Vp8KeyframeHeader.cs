using System.Buffers.Binary;

namespace Veil.WebRtc.Matroska;

// RFC 6386 §9.1 and §19.1: a 3-byte frame tag, then for key frames a start code and the size.
//
//   frame tag (u24 LE): bit 0 = 0 for a key frame | version (3) | show_frame (1) | first partition size (19)
//   9D 01 2A | width (u16 LE: 14 bits size, 2 bits scale) | height (u16 LE: 14 bits size, 2 bits scale)

/// <summary>The picture size of a VP8 key frame.</summary>
internal static class Vp8KeyframeHeader
{
    public static bool TryRead(ReadOnlySpan<byte> frame, out int width, out int height)
    {
        width = height = 0;
        if (frame.Length < 10 || (frame[0] & 1) != 0 || frame[3] != 0x9D || frame[4] != 0x01 || frame[5] != 0x2A) return false;
        width = BinaryPrimitives.ReadUInt16LittleEndian(frame[6..]) & 0x3FFF;
        height = BinaryPrimitives.ReadUInt16LittleEndian(frame[8..]) & 0x3FFF;
        return width > 0 && height > 0;
    }
}

using System.Buffers.Binary;

namespace Veil.Ingest.Rtmp.Wire;

// FLV (Adobe Flash Video File Format Specification 10.1, annex E):
//   header:  'F' 'L' 'V' | version 1 | flags (0x04 audio, 0x01 video) | header size 9 (u32) | PreviousTagSize0 = 0 (u32)
//   tag:     type (8 audio, 9 video, 18 script data) | data size (u24) | timestamp (u24, low bits)
//            | timestamp extended (u8, high bits) | stream id 0 (u24) | data | PreviousTagSize = 11 + data size (u32)
// An RTMP audio, video or data message's body is such a tag's data, with the message's time.

/// <summary>The bytes around an FLV tag's data: the file header, a tag's header and its trailer.</summary>
public static class FlvTag
{
    public const int FileHeaderSize = 13, HeaderSize = 11, TrailerSize = 4;
    public const byte Audio = 8, Video = 9, ScriptData = 18;

    public static void WriteFileHeader(Span<byte> destination, bool audio, bool video)
    {
        "FLV"u8.CopyTo(destination);
        destination[3] = 1;
        destination[4] = (byte)((audio ? 0x04 : 0) | (video ? 0x01 : 0));
        BinaryPrimitives.WriteUInt32BigEndian(destination[5..], 9);
        BinaryPrimitives.WriteUInt32BigEndian(destination[9..], 0);
    }

    public static void WriteHeader(Span<byte> destination, byte type, int dataSize, uint timestamp)
    {
        destination[0] = type;
        destination[1] = (byte)(dataSize >> 16); destination[2] = (byte)(dataSize >> 8); destination[3] = (byte)dataSize;
        destination[4] = (byte)(timestamp >> 16); destination[5] = (byte)(timestamp >> 8); destination[6] = (byte)timestamp;
        destination[7] = (byte)(timestamp >> 24);
        destination[8] = destination[9] = destination[10] = 0;
    }

    public static void WriteTrailer(Span<byte> destination, int dataSize) => BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)(HeaderSize + dataSize));
}

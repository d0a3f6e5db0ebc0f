using System.Diagnostics.CodeAnalysis;

namespace Veil.WebRtc.Codecs;

/// <summary>
/// The VP8 payload descriptor at the start of every VP8 RTP payload (RFC 7741 §4.2):
/// <code>
///       0 1 2 3 4 5 6 7
///      +-+-+-+-+-+-+-+-+
///      |X|R|N|S|R| PID | (REQUIRED)
///      +-+-+-+-+-+-+-+-+
/// X:   |I|L|T|K| RSV   | (OPTIONAL)
///      +-+-+-+-+-+-+-+-+
/// I:   |M| PictureID   | (OPTIONAL; M=1: the picture ID has 15 bits and goes on in the next byte)
///      +-+-+-+-+-+-+-+-+
///      |   PictureID   |
///      +-+-+-+-+-+-+-+-+
/// L:   |   TL0PICIDX   | (OPTIONAL)
///      +-+-+-+-+-+-+-+-+
/// T/K: |TID|Y| KEYIDX  | (OPTIONAL)
///      +-+-+-+-+-+-+-+-+
/// </code>
/// N: the frame is not a reference for others; S: a partition starts here; PID: its index.
/// <see cref="Size"/> is where the VP8 data begins.
/// </summary>
public readonly record struct Vp8PayloadDescriptor(
    bool NonReference, bool StartOfPartition, int PartitionIndex,
    int? PictureId, bool HasLongPictureId, int? Tl0PictureIndex, int? TemporalLayer, bool LayerSync, int? KeyIndex, int Size)
{
    /// <summary>A frame begins with the start of partition 0.</summary>
    public bool StartsFrame => StartOfPartition && PartitionIndex == 0;

    public static bool TryParse(ReadOnlySpan<byte> payload, out Vp8PayloadDescriptor descriptor, [NotNullWhen(false)] out string? error)
    {
        descriptor = default;
        if (payload.IsEmpty) return Fail("an empty VP8 payload has no descriptor", out error);
        byte first = payload[0];
        int pos = 1;
        int? pictureId = null, tl0PictureIndex = null, temporalLayer = null, keyIndex = null;
        bool longPictureId = false, layerSync = false;
        if ((first & 0x80) != 0)
        {
            if (payload.Length < 2) return Fail("VP8 descriptor has X set but no extension byte", out error);
            byte extension = payload[1];
            pos = 2;
            if ((extension & 0x80) != 0)
            {
                if (pos >= payload.Length) return Fail("VP8 descriptor has I set but no picture ID", out error);
                longPictureId = (payload[pos] & 0x80) != 0;
                if (longPictureId && pos + 1 >= payload.Length) return Fail("VP8 descriptor has a 15-bit picture ID (M set) cut short", out error);
                pictureId = longPictureId ? (payload[pos] & 0x7F) << 8 | payload[pos + 1] : payload[pos] & 0x7F;
                pos += longPictureId ? 2 : 1;
            }
            if ((extension & 0x40) != 0)
            {
                if (pos >= payload.Length) return Fail("VP8 descriptor has L set but no TL0PICIDX", out error);
                tl0PictureIndex = payload[pos++];
            }
            if ((extension & 0x30) != 0)
            {
                if (pos >= payload.Length) return Fail("VP8 descriptor has T or K set but no TID/KEYIDX byte", out error);
                if ((extension & 0x20) != 0)
                {
                    temporalLayer = payload[pos] >> 6;
                    layerSync = (payload[pos] & 0x20) != 0;
                }
                if ((extension & 0x10) != 0) keyIndex = payload[pos] & 0x1F;
                pos++;
            }
        }
        descriptor = new Vp8PayloadDescriptor((first & 0x20) != 0, (first & 0x10) != 0, first & 0x07,
            pictureId, longPictureId, tl0PictureIndex, temporalLayer, layerSync, keyIndex, pos);
        error = null;
        return true;
    }

    private static bool Fail(string reason, out string error)
    {
        error = reason;
        return false;
    }
}

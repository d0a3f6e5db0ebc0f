namespace Veil.WebRtc.Rtp;

/// <summary>
/// Finds one element in an RTP header extension (RFC 8285). One-byte form, profile 0xBEDE (§4.2):
/// <code>
///  0 1 2 3 4 5 6 7
/// +-+-+-+-+-+-+-+-+
/// |  ID   |  len  |  then len+1 data bytes; a zero byte is padding, ID 15 stops the walk
/// +-+-+-+-+-+-+-+-+
/// </code>
/// Two-byte form, profile 0x100x (§4.3):
/// <code>
///  0                   1
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |       ID      |     length    |  then length data bytes; an ID of 0 is a padding byte
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
internal static class RtpExtensionElements
{
    public const ushort OneByteProfile = 0xBEDE;

    public static bool TryFind(RtpPacket packet, int id, out ReadOnlyMemory<byte> value)
    {
        value = default;
        if (!packet.HasExtension || id <= 0) return false;
        bool oneByte = packet.ExtensionProfile == OneByteProfile;
        if (!oneByte && (packet.ExtensionProfile & 0xFFF0) != 0x1000) return false;
        var body = packet.Extension;
        var span = body.Span;
        int pos = 0;
        while (pos < span.Length)
        {
            if (span[pos] == 0)
            {
                pos++;
                continue;
            }
            int elementId, length, header;
            if (oneByte)
            {
                elementId = span[pos] >> 4;
                if (elementId == 15) return false; // reserved: the rest of the extension is not to be read
                length = (span[pos] & 0x0F) + 1;
                header = 1;
            }
            else
            {
                if (pos + 1 >= span.Length) return false;
                elementId = span[pos];
                length = span[pos + 1];
                header = 2;
            }
            if (pos + header + length > span.Length) return false;
            if (elementId == id)
            {
                value = body.Slice(pos + header, length);
                return true;
            }
            pos += header + length;
        }
        return false;
    }
}

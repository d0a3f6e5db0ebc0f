using System.Buffers.Binary;
using Veil.Media.Demux;

namespace Veil.Server.Rtmp;

/// <summary>
/// Turns a publisher's RTMP media messages back into an FLV stream (header, then one tag per audio,
/// video or metadata message with its timestamp), which FFmpeg's flv demuxer reads from the feed.
/// </summary>
public sealed class FlvWriter(StreamFeed feed)
{
    private static readonly byte[] Header = [(byte)'F', (byte)'L', (byte)'V', 1, 0x05, 0, 0, 0, 9, 0, 0, 0, 0];
    private static readonly byte[] SetDataFrame = [2, 0, 13, .. "@setDataFrame"u8];
    private bool _started;

    public void Write(RtmpMessage message)
    {
        if (!_started)
        {
            feed.Write(Header);
            _started = true;
        }
        ReadOnlySpan<byte> body = message.Payload;
        if (message.Type == RtmpMessage.Data)
        {
            if (!body.StartsWith(SetDataFrame)) return; // only @setDataFrame onMetaData belongs in the file
            body = body[SetDataFrame.Length..];
        }
        var tag = new byte[11 + body.Length + 4];
        tag[0] = message.Type;
        tag[1] = (byte)(body.Length >> 16); tag[2] = (byte)(body.Length >> 8); tag[3] = (byte)body.Length;
        tag[4] = (byte)(message.Timestamp >> 16); tag[5] = (byte)(message.Timestamp >> 8); tag[6] = (byte)message.Timestamp;
        tag[7] = (byte)(message.Timestamp >> 24);
        body.CopyTo(tag.AsSpan(11));
        BinaryPrimitives.WriteUInt32BigEndian(tag.AsSpan(11 + body.Length), (uint)(11 + body.Length));
        feed.WriteOwned(tag);
    }
}

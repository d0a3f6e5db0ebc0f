namespace Veil.Server.Rtmp;

/// <summary>One reassembled RTMP message: its type (1 set chunk size, 8 audio, 9 video, 18 data, 20 command, ...), stream, time in ms and body.</summary>
public sealed record RtmpMessage(byte Type, uint StreamId, uint Timestamp, byte[] Payload)
{
    public const byte SetChunkSize = 1, Abort = 2, Acknowledgement = 3, UserControl = 4, WindowAckSize = 5, SetPeerBandwidth = 6,
        Audio = 8, Video = 9, Data = 18, Command = 20;
}

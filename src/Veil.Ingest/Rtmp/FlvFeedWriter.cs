using System.Buffers;
using Veil.Ingest.Rtmp.Wire;

namespace Veil.Ingest.Rtmp;

/// <summary>
/// Turns a publisher's RTMP media messages into the FLV stream FFmpeg's flv demuxer reads from the
/// feed. The file header must name the tracks that will come, or the demuxer waits for one that
/// never does (a video-only publisher would start 10 s late): they come from onMetaData, or when a
/// publisher sends none, from the first messages (held until both kinds arrived, or a second of
/// media, or 64 messages or 4 MiB).
/// </summary>
internal sealed class FlvFeedWriter(IPublishFeed feed)
{
    private const int MaxHeld = 64, MaxHeldBytes = 4 << 20;
    private const uint HoldMs = 1000;
    private readonly List<(byte Type, uint Timestamp, byte[] Buffer, int Length)> _held = new();
    private readonly byte[] _around = new byte[FlvTag.FileHeaderSize + FlvTag.HeaderSize];
    private bool _started, _audio, _video;
    private int _heldBytes;

    public async ValueTask WriteAsync(RtmpMessage message, CancellationToken ct)
    {
        var (offset, length, tracks) = Inspect(message);
        if (length == 0) return; // other script data (onTextData, cue points) does not belong in the stream
        if (!_started && tracks is var (audio, video))
        {
            await StartAsync(audio, video, ct);
        }
        else if (!_started)
        {
            Hold(message.Type, message.Timestamp, message.Buffer.AsSpan(offset, length));
            _audio |= message.Type == RtmpMessage.Audio;
            _video |= message.Type == RtmpMessage.Video;
            uint span = message.Timestamp - _held[0].Timestamp;
            if ((_audio && _video) || span >= HoldMs || _held.Count >= MaxHeld || _heldBytes >= MaxHeldBytes) await StartAsync(_audio, _video, ct);
            return;
        }
        await WriteTagAsync(message.Type, message.Timestamp, message.Buffer.AsMemory(offset, length), ct);
    }

    /// <summary>Where the tag's data is in the message (metadata without @setDataFrame), and the tracks onMetaData names.</summary>
    private (int Offset, int Length, (bool Audio, bool Video)? Tracks) Inspect(RtmpMessage message)
    {
        if (message.Type != RtmpMessage.Data) return (0, message.Length, null);
        var body = FlvMetadata.Body(message.Payload);
        var tracks = !_started && FlvMetadata.TryReadTracks(body, out bool audio, out bool video) ? (audio, video) : ((bool, bool)?)null;
        return (message.Length - body.Length, body.Length, tracks);
    }

    private async ValueTask StartAsync(bool audio, bool video, CancellationToken ct)
    {
        _started = true;
        FlvTag.WriteFileHeader(_around, audio, video || !audio);
        await feed.WriteAsync(_around.AsMemory(0, FlvTag.FileHeaderSize), ct);
        try
        {
            foreach (var (type, timestamp, buffer, length) in _held) await WriteTagAsync(type, timestamp, buffer.AsMemory(0, length), ct);
        }
        finally
        {
            Release();
        }
    }

    private async ValueTask WriteTagAsync(byte type, uint timestamp, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        FlvTag.WriteHeader(_around, type, data.Length, timestamp);
        await feed.WriteAsync(_around.AsMemory(0, FlvTag.HeaderSize), ct);
        await feed.WriteAsync(data, ct);
        FlvTag.WriteTrailer(_around, data.Length);
        await feed.WriteAsync(_around.AsMemory(0, FlvTag.TrailerSize), ct);
    }

    private void Hold(byte type, uint timestamp, ReadOnlySpan<byte> body)
    {
        var copy = ArrayPool<byte>.Shared.Rent(body.Length);
        body.CopyTo(copy);
        _held.Add((type, timestamp, copy, body.Length));
        _heldBytes += body.Length;
    }

    /// <summary>Gives back what is held (the publish ended before the header was decided).</summary>
    public void Release()
    {
        foreach (var held in _held) ArrayPool<byte>.Shared.Return(held.Buffer);
        _held.Clear();
        _heldBytes = 0;
    }
}

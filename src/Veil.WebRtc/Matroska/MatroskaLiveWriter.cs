using System.Buffers.Binary;

namespace Veil.WebRtc.Matroska;

// RFC 9559 §10.1-§10.2: after the header, Clusters of unknown size, each a timestamp then SimpleBlocks:
//
//   Cluster:     1F 43 B6 75 | 01 FF FF FF FF FF FF FF | E7 <size> <cluster timestamp, ms>
//   SimpleBlock: A3 <size> | track (VINT, 81 = 1) | relative timestamp (s16 BE, ms) | flags (80 = keyframe) | frame

/// <summary>
/// Writes live WebRTC media as a Matroska (WebM for VP8) byte stream for FFmpeg's matroska demuxer:
/// video track 1 (H.264 as length-prefixed NAL units with SPS/PPS in CodecPrivate, or VP8) and
/// optional Opus audio on track 2. Timestamps are milliseconds from one origin shared by audio and
/// video. Nothing is written until the first video keyframe (with SPS and PPS for H.264), since the
/// header needs its size; media before it is dropped and counted. Each call hands <c>output</c> at
/// most one newly allocated chunk. Not thread-safe: feed it from one loop.
/// </summary>
public sealed class MatroskaLiveWriter
{
    /// <summary>A Cluster opens at each video keyframe or once its first block is this old, well inside the ±32 s an s16 block offset reaches.</summary>
    public const int MaxClusterMilliseconds = 1000;

    private readonly Action<byte[]> output;
    private readonly MatroskaVideoCodec videoCodec;
    private readonly bool withAudio;
    private bool clusterOpen;
    private long clusterTimestamp;

    public MatroskaLiveWriter(Action<byte[]> output, MatroskaVideoCodec videoCodec, bool withOpusAudio)
    {
        this.output = output;
        this.videoCodec = videoCodec;
        withAudio = withOpusAudio;
    }

    /// <summary>True once the header and the first keyframe are out.</summary>
    public bool Started { get; private set; }

    /// <summary>Frames before the first usable keyframe, empty ones, and ones too late for the open Cluster.</summary>
    public long DroppedVideoFrames { get; private set; }

    /// <summary>Packets before the first video keyframe, empty ones, and ones too late for the open Cluster.</summary>
    public long DroppedAudioPackets { get; private set; }

    /// <summary>One H.264 access unit in Annex B form, or one VP8 frame.</summary>
    public void WriteVideo(long timestampMs, ReadOnlySpan<byte> frame, bool keyframe)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestampMs);
        byte[]? header = null;
        if (!Started && !(keyframe && TryBuildHeader(frame, out header)))
        {
            DroppedVideoFrames++;
            return;
        }
        bool avcc = videoCodec == MatroskaVideoCodec.H264;
        int length = avcc ? Avcc.Measure(frame).Bytes : frame.Length;
        if (length == 0 || !TryEmit(header, MatroskaHeader.VideoTrack, timestampMs, keyframe, frame, length, avcc)) DroppedVideoFrames++;
    }

    /// <summary>One Opus packet as carried in RTP (RFC 7587).</summary>
    public void WriteAudio(long timestampMs, ReadOnlySpan<byte> opusPacket)
    {
        if (!withAudio) throw new InvalidOperationException("this writer was created without an audio track");
        ArgumentOutOfRangeException.ThrowIfNegative(timestampMs);
        if (!Started || opusPacket.IsEmpty || !TryEmit(null, MatroskaHeader.AudioTrack, timestampMs, true, opusPacket, opusPacket.Length, avcc: false))
            DroppedAudioPackets++;
    }

    private bool TryBuildHeader(ReadOnlySpan<byte> frame, out byte[]? header)
    {
        header = null;
        byte[]? codecPrivate = null;
        int width, height;
        if (videoCodec == MatroskaVideoCodec.Vp8)
        {
            if (!Vp8KeyframeHeader.TryRead(frame, out width, out height)) return false;
        }
        else
        {
            if (!AvcConfiguration.TryBuild(frame, out codecPrivate, out var sps) || !H264Sps.TryReadSize(sps, out width, out height)) return false;
        }
        header = MatroskaHeader.Build(videoCodec, codecPrivate, width, height, withAudio);
        return true;
    }

    private bool TryEmit(byte[]? header, int track, long timestamp, bool keyframe, ReadOnlySpan<byte> frame, int frameLength, bool avcc)
    {
        bool newCluster = !clusterOpen || (track == MatroskaHeader.VideoTrack && keyframe) || timestamp - clusterTimestamp >= MaxClusterMilliseconds;
        long relative = newCluster ? 0 : timestamp - clusterTimestamp;
        if (relative < short.MinValue) return false; // late by more than an s16 offset can say

        int clusterHeadLength = newCluster ? 4 + 8 + 2 + Ebml.UnsignedLength((ulong)timestamp) : 0;
        int blockDataLength = 4 + frameLength; // track VINT (1 byte), s16 timestamp, flags
        var chunk = new byte[(header?.Length ?? 0) + clusterHeadLength + 1 + Ebml.SizeLength(blockDataLength) + blockDataLength];
        var span = chunk.AsSpan();
        int position = 0;
        if (header is not null)
        {
            header.CopyTo(span);
            position = header.Length;
        }
        if (newCluster)
        {
            position += Ebml.WriteId(span[position..], MatroskaIds.Cluster);
            position += Ebml.WriteUnknownSize(span[position..]);
            position += Ebml.WriteUnsigned(span[position..], MatroskaIds.Timestamp, (ulong)timestamp);
            (clusterOpen, clusterTimestamp) = (true, timestamp);
        }
        position += Ebml.WriteId(span[position..], MatroskaIds.SimpleBlock);
        position += Ebml.WriteSize(span[position..], blockDataLength);
        span[position++] = (byte)(0x80 | track);
        BinaryPrimitives.WriteInt16BigEndian(span[position..], (short)relative);
        span[position + 2] = keyframe ? (byte)0x80 : (byte)0;
        position += 3;
        if (avcc) Avcc.Write(frame, span[position..]);
        else frame.CopyTo(span[position..]);
        Started = true;
        output(chunk);
        return true;
    }
}

using System.Diagnostics.CodeAnalysis;
using Veil.WebRtc.Rtp;

namespace Veil.WebRtc.Codecs;

/// <summary>
/// What the depacketizers share: the frame being put together, whether it is damaged (a packet of
/// it lost or malformed), sequence continuity, and the wait for a keyframe once anything was lost
/// (later frames reference what was lost, so only a keyframe can restart decoding).
/// </summary>
internal sealed class FrameAssembly
{
    private const int MaxFrameBytes = 16 << 20; // far beyond any real frame: a stream that never ends a frame must not eat memory

    private byte[] buffer = new byte[64 << 10];
    private int length;
    private ushort lastSequence;
    private bool anySequence, damaged, damageNext;

    public bool InProgress { get; private set; }
    public uint Timestamp { get; private set; }

    /// <summary>True from the start and after any loss, until a keyframe is delivered.</summary>
    public bool NeedsKeyframe { get; private set; } = true;

    public int DroppedFrames { get; private set; }

    /// <summary>
    /// Notes a packet's sequence number; <paramref name="gap"/> when packets are missing before it
    /// (or the stream restarted), false when it is not after the last.
    /// </summary>
    public bool TryTrack(ushort sequence, out bool gap, [NotNullWhen(false)] out string? error)
    {
        int distance = anySequence ? SequenceNumbers.Distance(lastSequence, sequence) : 1;
        gap = distance != 1;
        // Far behind is a restarted stream (as the jitter buffer sees it), not a late packet.
        if (distance <= 0 && distance > -JitterBuffer.ResetDistance)
        {
            error = $"sequence number {sequence} is not after {lastSequence}: packets must come in order";
            return false;
        }
        anySequence = true;
        lastSequence = sequence;
        error = null;
        return true;
    }

    public void Begin(uint timestamp)
    {
        InProgress = true;
        Timestamp = timestamp;
        damaged = damageNext;
        damageNext = false;
        length = 0;
    }

    /// <summary>Marks the frame in progress as damaged or, between frames, the next one.</summary>
    public void Damage()
    {
        if (InProgress) damaged = true;
        else damageNext = true;
    }

    public void RequireKeyframe() => NeedsKeyframe = true;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (damaged) return;
        if (length + data.Length > MaxFrameBytes)
        {
            damaged = true;
            return;
        }
        if (length + data.Length > buffer.Length) Array.Resize(ref buffer, Math.Min(MaxFrameBytes, Math.Max(2 * buffer.Length, length + data.Length)));
        data.CopyTo(buffer.AsSpan(length));
        length += data.Length;
    }

    /// <summary>Ends the frame in progress: its bytes when whole and decodable, else it is counted as dropped.</summary>
    public bool TryFinish(bool isKeyframe, [NotNullWhen(true)] out byte[]? frame)
    {
        frame = null;
        InProgress = false;
        if (damaged || length == 0) NeedsKeyframe = true;
        else if (!NeedsKeyframe || isKeyframe)
        {
            NeedsKeyframe = false;
            frame = buffer.AsSpan(0, length).ToArray();
            return true;
        }
        DroppedFrames++;
        return false;
    }
}

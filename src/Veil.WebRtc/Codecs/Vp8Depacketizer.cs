using System.Diagnostics.CodeAnalysis;
using Veil.WebRtc.Rtp;

namespace Veil.WebRtc.Codecs;

/// <summary>
/// Rebuilds VP8 frames from RTP packets in sequence order (RFC 7741 §4), gaps allowed. A frame
/// starts at the packet whose descriptor (<see cref="Vp8PayloadDescriptor"/>) has S=1 and PID=0
/// and ends with the marker bit, or when the timestamp moves on. Its first byte is the VP8 frame
/// tag (RFC 7741 §4.3, RFC 6386 §9.1)
/// <code>
///  0 1 2 3 4 5 6 7
/// +-+-+-+-+-+-+-+-+
/// |Size0|H| VER |P|   P = 0: a keyframe
/// +-+-+-+-+-+-+-+-+
/// </code>
/// A frame with a packet lost or malformed is dropped, and after any loss so is every frame until
/// a keyframe (<see cref="NeedsKeyframe"/> says when to send a PLI).
/// </summary>
public sealed class Vp8Depacketizer
{
    private readonly FrameAssembly assembly = new();
    private bool isKeyframe;

    /// <summary>True from the start and after any loss until a keyframe is delivered: ask the sender for one.</summary>
    public bool NeedsKeyframe => assembly.NeedsKeyframe;

    /// <summary>Frames dropped as damaged or as undecodable while waiting for a keyframe.</summary>
    public int DroppedFrames => assembly.DroppedFrames;

    /// <summary>
    /// Takes the next packet and adds any frame it completes to <paramref name="completed"/>.
    /// False, with the reason, for a malformed payload or an out-of-order packet.
    /// </summary>
    public bool TryPush(RtpPacket packet, ICollection<Vp8Frame> completed, [NotNullWhen(false)] out string? error)
    {
        if (!assembly.TryTrack(packet.SequenceNumber, out bool gap, out error)) return false;
        if (gap)
        {
            if (assembly.InProgress) assembly.Damage();
            assembly.RequireKeyframe(); // whole frames may be among the lost, and later frames reference them
        }
        var payload = packet.Payload.Span;
        if (payload.IsEmpty) return true; // padding-only packets (bandwidth probes) carry just a sequence number
        if (assembly.InProgress && packet.Timestamp != assembly.Timestamp) Finish(completed);

        bool valid = Vp8PayloadDescriptor.TryParse(payload, out var descriptor, out error);
        var data = valid ? payload[descriptor.Size..] : default;
        if (valid && descriptor.StartsFrame && data.IsEmpty) valid = Fail("a VP8 frame start without its frame tag", out error);
        if (!valid) DamageFrameOf(packet.Timestamp);
        else if (!descriptor.StartsFrame)
        {
            if (!assembly.InProgress) DamageFrameOf(packet.Timestamp); // its start was lost
        }
        else if (assembly.InProgress) assembly.Damage(); // a second start within one timestamp
        else
        {
            assembly.Begin(packet.Timestamp);
            isKeyframe = (data[0] & 0x01) == 0;
        }
        assembly.Append(data);
        if (packet.Marker) Finish(completed);
        return valid;
    }

    private void DamageFrameOf(uint timestamp)
    {
        if (!assembly.InProgress)
        {
            assembly.Begin(timestamp);
            isKeyframe = false;
        }
        assembly.Damage();
    }

    private void Finish(ICollection<Vp8Frame> completed)
    {
        if (assembly.TryFinish(isKeyframe, out var frame)) completed.Add(new Vp8Frame(frame, assembly.Timestamp, isKeyframe));
    }

    private static bool Fail(string reason, out string error)
    {
        error = reason;
        return false;
    }
}

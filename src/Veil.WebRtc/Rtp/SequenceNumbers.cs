namespace Veil.WebRtc.Rtp;

/// <summary>16-bit RTP sequence arithmetic (RFC 3550 §A.1): numbers wrap, so order is decided by the shorter way round.</summary>
internal static class SequenceNumbers
{
    /// <summary>How far <paramref name="to"/> is after <paramref name="from"/>: -32768..32767, negative when it is before.</summary>
    public static int Distance(ushort from, ushort to) => (short)(ushort)(to - from);

    /// <summary>Extends <paramref name="sequence"/> to the 64-bit count nearest <paramref name="reference"/>, so wraps keep counting up.</summary>
    public static long Unwrap(ushort sequence, long reference) => reference + Distance((ushort)reference, sequence);
}

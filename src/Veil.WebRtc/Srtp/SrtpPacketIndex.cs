using System.Diagnostics.CodeAnalysis;

namespace Veil.WebRtc.Srtp;

/// <summary>
/// Guesses a packet's 48-bit index, ROC × 2^16 + SEQ, from its 16-bit sequence number and the
/// highest index seen so far (RFC 3711 §3.3.1, Appendix A): a SEQ far below s_l has wrapped
/// into the next roll (ROC + 1), one far above it is a late packet from the previous (ROC - 1).
/// </summary>
internal static class SrtpPacketIndex
{
    private const int Half = 0x8000;

    public static bool TryEstimate(SrtpReplayWindow? window, ushort seq, out ulong index, [NotNullWhen(false)] out string? error)
    {
        error = null;
        index = seq; // the first packet of a stream has ROC 0 (§3.3.1)
        if (window is null) return true;
        long roc = (long)(window.Highest >> 16);
        int highestSeq = (int)(window.Highest & 0xFFFF);
        long guess = highestSeq < Half
            ? (seq - highestSeq > Half ? roc - 1 : roc)
            : (highestSeq - Half > seq ? roc + 1 : roc);
        if (guess < 0) error = $"packet seq {seq} would come before the stream's first packet (rollover counter -1)";
        else if (guess > uint.MaxValue) error = "the 32-bit rollover counter is exhausted; the session must be rekeyed";
        else index = ((ulong)guess << 16) | seq;
        return error is null;
    }
}

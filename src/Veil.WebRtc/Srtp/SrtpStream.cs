namespace Veil.WebRtc.Srtp;

/// <summary>
/// What a session remembers about one SSRC: the SRTP and SRTCP windows (null until a first
/// packet is authenticated, or protected when sending) and, when sending, the next SRTCP index.
/// </summary>
internal sealed class SrtpStream
{
    public SrtpReplayWindow? Rtp { get; set; }
    public SrtpReplayWindow? Rtcp { get; set; }
    public uint NextRtcpIndex { get; set; }

    /// <summary>The window after accepting <paramref name="index"/>, started by it if there was none.</summary>
    public static SrtpReplayWindow Record(SrtpReplayWindow? window, ulong index)
    {
        if (window is null) return new SrtpReplayWindow(index);
        window.Accept(index);
        return window;
    }
}

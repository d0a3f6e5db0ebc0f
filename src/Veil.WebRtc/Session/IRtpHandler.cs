namespace Veil.WebRtc.Session;

/// <summary>What a session does with its decrypted media: called on the session's own thread, in arrival order.</summary>
public interface IRtpHandler
{
    void OnRtp(ReadOnlySpan<byte> rtp);

    void OnRtcp(ReadOnlySpan<byte> rtcp);

    /// <summary>About every 20 ms while the session runs: time for NACKs, PLIs and timeouts.</summary>
    void OnTick(long nowMs);
}

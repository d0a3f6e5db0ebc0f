namespace Veil.Ingest.Srt;

/// <summary>How the SRT port receives: its latency, its passphrase, and how long a publisher may stay silent.</summary>
public sealed record SrtOptions
{
    /// <summary>The receiver's buffer for retransmissions (SRTO_RCVLATENCY); the caller's own, if larger, wins.</summary>
    public int LatencyMs { get; init; } = 120;

    /// <summary>When set (10 to 79 characters), callers must encrypt with it (AES); empty takes unencrypted callers only.</summary>
    public string Passphrase { get; init; } = "";

    /// <summary>The longest a publisher may go without sending media (SRT's keep-alives do not count).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A publish let in by its stream id whose handshake does not finish by then (a wrong passphrase) is given up.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);
}

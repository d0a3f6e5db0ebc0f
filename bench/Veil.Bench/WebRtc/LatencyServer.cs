namespace Veil.Bench.WebRtc;

/// <summary>
/// The `veil serve` the WebRTC bench runs in its own process: the control API on
/// <paramref name="Http"/> (admin token <paramref name="AdminToken"/>), WHIP and WHEP media on UDP
/// <paramref name="WebRtc"/>, no other listener, and one push stream (its key
/// <paramref name="Key"/>) forwarded to <paramref name="Output"/>.
/// </summary>
internal sealed record LatencyServer(string Http, string AdminToken, string WebRtc, string Stream, string Key, string Output);

/// <summary>Runs <paramref name="server"/> until <paramref name="ct"/> is cancelled; its exit code. The `veil` CLI supplies it.</summary>
internal delegate Task<int> ServeInProcess(LatencyServer server, CancellationToken ct);

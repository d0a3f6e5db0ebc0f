namespace Veil.Bench.WebRtc;

/// <summary>
/// The `veil serve` the WebRTC bench runs in its own process: the control API on
/// <paramref name="Http"/> (admin token <paramref name="AdminToken"/>), WHIP and WHEP media on UDP
/// <paramref name="WebRtc"/>, RTMP on <paramref name="Rtmp"/>, and two push streams, each with its
/// own key and output file: <paramref name="Stream"/> (published over WHIP) and <paramref name="RtmpStream"/>
/// (the same picture pushed over RTMP afterwards, for comparison).
/// </summary>
internal sealed record LatencyServer(string Http, string AdminToken, string WebRtc, string Rtmp, LatencyStream Stream, LatencyStream RtmpStream);

/// <summary>A push stream of the bench: its name, publishing key and output file.</summary>
internal sealed record LatencyStream(string Name, string Key, string Output);

/// <summary>Runs <paramref name="server"/> until <paramref name="ct"/> is cancelled; its exit code. The `veil` CLI supplies it.</summary>
internal delegate Task<int> ServeInProcess(LatencyServer server, CancellationToken ct);

namespace Veil.Server.Serve;

/// <summary>
/// The server's configuration, section "Veil" of appsettings.json, a --config file or environment
/// variables (Veil__AdminToken=...), with the command line on top. Checked as a whole at start.
/// </summary>
public sealed record ServeSettings
{
    /// <summary>Where the control API, health and metrics listen. Loopback unless configured otherwise.</summary>
    public string Http { get; init; } = "http://127.0.0.1:8080";

    /// <summary>Bearer token the control API needs; when empty, one is made at start and logged once.</summary>
    public string AdminToken { get; init; } = "";

    public int MaxStreams { get; init; } = 16;

    /// <summary>Where RTMP publishers connect (host:port); empty turns the RTMP ingest off.</summary>
    public string Rtmp { get; init; } = "127.0.0.1:1935";

    /// <summary>An RTMP publisher that sends no whole message for this long is disconnected.</summary>
    public double RtmpIdleSeconds { get; init; } = 30;

    /// <summary>An RTMP peer that has not started publishing this long after connecting is disconnected (slow or idle sockets).</summary>
    public double RtmpHandshakeSeconds { get; init; } = 10;

    /// <summary>RTMP connections held at once, in all and per peer address; more are closed at once.</summary>
    public int RtmpMaxConnections { get; init; } = 256;
    public int RtmpMaxConnectionsPerAddress { get; init; } = 16;

    /// <summary>Where SRT publishers connect (host:port, UDP; MPEG-TS with streamid=publish:STREAM:KEY); empty, the default, turns it off.</summary>
    public string Srt { get; init; } = "";

    /// <summary>The SRT receiver's latency, ms: the time lost packets have to be sent again (a caller asking more gets more).</summary>
    public int SrtLatencyMs { get; init; } = 120;

    /// <summary>When set (10 to 79 characters), SRT callers must encrypt with it; empty takes unencrypted callers only.</summary>
    public string SrtPassphrase { get; init; } = "";

    /// <summary>An SRT publisher that sends no media for this long is disconnected (SRT's keep-alives do not count).</summary>
    public double SrtIdleSeconds { get; init; } = 30;

    /// <summary>A new publisher with the key takes over a stream whose publisher is gone (disconnected, or silent 2 s), on RTMP, SRT, gRPC and WHIP.</summary>
    public bool PublisherTakeover { get; init; } = true;

    /// <summary>Wrong stream keys or admin tokens one address may give per minute (every ingest and the API); beyond, it is refused for the rest of the minute.</summary>
    public int AuthFailuresPerMinute { get; init; } = 10;

    /// <summary>Where gRPC publishers connect (host:port, HTTP/2 without TLS); empty turns it off.</summary>
    public string Grpc { get; init; } = "127.0.0.1:50051";

    /// <summary>The UDP port (host:port) of WebRTC: WHIP publishers and WHEP viewers, ICE-lite, all sessions on one port; empty turns it off.</summary>
    public string WebRtc { get; init; } = "127.0.0.1:8189";

    /// <summary>The bitrate WHIP publishers are told they may send (REMB), kbit/s: Chrome starts at 300 and scales its picture down without it.</summary>
    public int WebRtcBitrateKbps { get; init; } = 2500;

    /// <summary>The addresses put in SDP answers as host candidates (a public IP behind NAT); empty: the WebRtc address itself.</summary>
    public List<string> WebRtcCandidates { get; init; } = [];

    /// <summary>The largest picture a stream may carry; a bigger one fails that stream with the reason.</summary>
    public int MaxWidth { get; init; } = 3840;
    public int MaxHeight { get; init; } = 2160;

    /// <summary>The most a publisher of compressed video (RTMP, gRPC H.264 or JPEG) may send, in kbit/s over 5 s; more ends its session.</summary>
    public int MaxBitrateKbps { get; init; } = 50_000;

    /// <summary>The largest gRPC message (one frame) accepted; a bigger one ends its call.</summary>
    public int MaxMessageBytes { get; init; } = 16 << 20;

    public Veil.Ingest.Rtmp.RtmpLimits RtmpLimits() => new()
    {
        HandshakeTimeout = TimeSpan.FromSeconds(RtmpHandshakeSeconds),
        IdleTimeout = TimeSpan.FromSeconds(RtmpIdleSeconds),
        MaxConnections = RtmpMaxConnections,
        MaxConnectionsPerAddress = RtmpMaxConnectionsPerAddress,
    };

    public Veil.Ingest.Srt.SrtOptions SrtOptions() => new()
    {
        LatencyMs = SrtLatencyMs,
        Passphrase = SrtPassphrase,
        IdleTimeout = TimeSpan.FromSeconds(SrtIdleSeconds),
    };

    /// <summary>The address a host name in Veil:Http stands for (an IP, or localhost).</summary>
    public static System.Net.IPAddress Address(string host) =>
        host == "localhost" ? System.Net.IPAddress.Loopback : System.Net.IPAddress.Parse(host.Trim('[', ']'));

    /// <summary>A destination for every stream, with {stream} replaced by the stream's name (relay mode).</summary>
    public string? Forward { get; init; }

    public List<StreamSpec> Streams { get; init; } = [];

    /// <summary>The privacy policy of every stream (each field may be set per stream in Veil:Streams[i]:Redaction); flags given on the command line override it.</summary>
    public Policy.RedactionPolicy? Redaction { get; init; }

    /// <summary>Which changes of a running stream's policy the control API takes: any, tighten-only (no class dropped, no weaker style, no slower cadence or shorter look-ahead) or none.</summary>
    public string PolicyChanges { get; init; } = "any";

    public Policy.PolicyChangeRule PolicyChangeRule => PolicyChanges.Trim().ToLowerInvariant() switch
    {
        "tighten-only" => Policy.PolicyChangeRule.TightenOnly,
        "none" => Policy.PolicyChangeRule.None,
        _ => Policy.PolicyChangeRule.Any,
    };

    /// <summary>The classes any stream may redact at start: the server loads the models for all of them once.</summary>
    public IReadOnlySet<Core.Detections.ObjectClass> ClassesOfAllStreams()
    {
        var classes = new HashSet<Core.Detections.ObjectClass>();
        foreach (var policy in Streams.Select(s => s.Redaction).Prepend(new Policy.RedactionPolicy()))
            if (Policy.PolicyValues.Read((policy ?? new()).Over(Redaction), "", []) is { } values) classes.UnionWith(values.Classes);
        return classes;
    }
    /// <summary>Webhooks and command hooks told of every stream's lifecycle and violations (README: Hooks).</summary>
    public List<Hooks.HookSpec> Hooks { get; init; } = [];

    /// <summary>Each stream's anonymized output as HLS at /hls/STREAM/index.m3u8.</summary>
    public Hls.HlsSettings Hls { get; init; } = new();

    /// <summary>Each stream's anonymized output kept as MP4 files, with retention.</summary>
    public Recording.RecordingSettings Recording { get; init; } = new();

    /// <summary>Every problem of the configuration, each naming the setting; empty when it can start.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(Http, UriKind.Absolute, out var http) || http.Scheme != "http"
            || (http.Host != "localhost" && !System.Net.IPAddress.TryParse(http.Host.Trim('[', ']'), out _)))
            problems.Add($"Veil:Http '{Http}' is not an http://IP:PORT address to listen on");
        if (Grpc.Length > 0 && !System.Net.IPEndPoint.TryParse(Grpc, out _))
            problems.Add($"Veil:Grpc '{Grpc}' is not host:port to listen on (e.g. 127.0.0.1:50051), or empty for no gRPC ingest");
        if (WebRtc.Length > 0 && !System.Net.IPEndPoint.TryParse(WebRtc, out _))
            problems.Add($"Veil:WebRtc '{WebRtc}' is not host:port to listen on (e.g. 127.0.0.1:8189), or empty for no WHIP/WHEP");
        else if (WebRtc.Length > 0 && System.Net.IPEndPoint.Parse(WebRtc).Address.Equals(System.Net.IPAddress.Any) && WebRtcCandidates.Count == 0)
            problems.Add("Veil:WebRtc listens on 0.0.0.0: name the addresses browsers reach it at in Veil:WebRtcCandidates");
        if (WebRtcBitrateKbps is < 100 or > 50_000) problems.Add($"Veil:WebRtcBitrateKbps {WebRtcBitrateKbps} must be between 100 and 50000");
        foreach (var candidate in WebRtcCandidates.Where(c => !System.Net.IPAddress.TryParse(c, out _)))
            problems.Add($"Veil:WebRtcCandidates: '{candidate}' is not an IP address");
        if (MaxMessageBytes < 1024) problems.Add($"Veil:MaxMessageBytes {MaxMessageBytes} must be at least 1024");
        if (MaxWidth < 16 || MaxHeight < 16) problems.Add($"Veil:MaxWidth and Veil:MaxHeight ({MaxWidth}x{MaxHeight}) must be at least 16");
        if (RtmpIdleSeconds is < 1 or > 3600) problems.Add($"Veil:RtmpIdleSeconds {RtmpIdleSeconds} must be between 1 and 3600");
        if (RtmpHandshakeSeconds is < 1 or > 600) problems.Add($"Veil:RtmpHandshakeSeconds {RtmpHandshakeSeconds} must be between 1 and 600");
        if (RtmpMaxConnections < 1) problems.Add($"Veil:RtmpMaxConnections {RtmpMaxConnections} must be at least 1");
        if (RtmpMaxConnectionsPerAddress < 1) problems.Add($"Veil:RtmpMaxConnectionsPerAddress {RtmpMaxConnectionsPerAddress} must be at least 1");
        if (AuthFailuresPerMinute < 1) problems.Add($"Veil:AuthFailuresPerMinute {AuthFailuresPerMinute} must be at least 1");
        if (MaxBitrateKbps < 100) problems.Add($"Veil:MaxBitrateKbps {MaxBitrateKbps} must be at least 100");
        if (MaxStreams < 1) problems.Add($"Veil:MaxStreams {MaxStreams} must be at least 1");
        if (Srt.Length > 0 && !System.Net.IPEndPoint.TryParse(Srt, out _))
            problems.Add($"Veil:Srt '{Srt}' is not host:port to listen on (e.g. 127.0.0.1:8890), or empty for no SRT ingest");
        if (SrtLatencyMs is < 20 or > 8000) problems.Add($"Veil:SrtLatencyMs {SrtLatencyMs} must be between 20 and 8000");
        if (SrtPassphrase.Length is > 0 and (< 10 or > 79)) problems.Add($"Veil:SrtPassphrase has {SrtPassphrase.Length} characters: SRT takes 10 to 79 (or none)");
        if (SrtIdleSeconds is < 1 or > 3600) problems.Add($"Veil:SrtIdleSeconds {SrtIdleSeconds} must be between 1 and 3600");
        if (Rtmp.Length > 0 && !System.Net.IPEndPoint.TryParse(Rtmp, out _))
            problems.Add($"Veil:Rtmp '{Rtmp}' is not host:port to listen on (e.g. 127.0.0.1:1935), or empty for no RTMP ingest");
        else if (Rtmp.Length == 0 && Grpc.Length == 0 && WebRtc.Length == 0 && Srt.Length == 0 && Streams.Any(s => s.IsPush))
            problems.Add("Veil:Rtmp, Veil:Grpc, Veil:WebRtc and Veil:Srt are all empty, but some streams take publishers (they have a Key)");
        if (Forward is not null && !Forward.StartsWith("rtmp://", StringComparison.OrdinalIgnoreCase) && !Forward.StartsWith("rtmps://", StringComparison.OrdinalIgnoreCase))
            problems.Add($"Veil:Forward '{Forward}' is not an rtmp:// or rtmps:// URL");
        if (Streams.Count > MaxStreams) problems.Add($"Veil:Streams has {Streams.Count} streams, more than Veil:MaxStreams ({MaxStreams})");
        foreach (var dup in Streams.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            problems.Add($"Veil:Streams: the name '{dup.Key}' is used {dup.Count()} times");
        foreach (var dup in Streams.Where(s => s.IsPush).GroupBy(s => s.Key, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"Veil:Streams: streams {string.Join(", ", dup.Select(s => s.Name))} share one key");
        problems.AddRange(Hls.Problems());
        problems.AddRange(Recording.Problems());
        foreach (var stream in Streams) problems.AddRange(WithForward(stream).Problems().Select(p => "Veil:Streams: " + p));
        if (PolicyChanges.Trim().ToLowerInvariant() is not ("any" or "tighten-only" or "none"))
            problems.Add($"Veil:PolicyChanges '{PolicyChanges}' must be any, tighten-only or none");
        Policy.PolicyValues.Read(Redaction ?? new(), "Veil:Redaction", problems);
        foreach (var stream in Streams.Where(s => s.Redaction is not null))
            Policy.PolicyValues.Read(stream.Redaction!.Over(Redaction), $"Veil:Streams:{stream.Name}:Redaction", problems);
        for (int i = 0; i < Hooks.Count; i++) problems.AddRange(Hooks[i].Problems($"Veil:Hooks:{i}"));
        return problems;
    }

    /// <summary>The stream with the relay destination added, when one is configured.</summary>
    public StreamSpec WithForward(StreamSpec stream) => Forward is null ? stream
        : stream with { Destinations = [.. stream.Destinations, Forward.Replace("{stream}", stream.Name, StringComparison.Ordinal)] };
}

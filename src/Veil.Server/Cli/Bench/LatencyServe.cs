using Veil.Bench.WebRtc;
using Veil.Server.Anonymize;
using Veil.Server.Policy;
using Veil.Server.Serve;

namespace Veil.Server.Cli.Bench;

/// <summary>The `veil serve` that `veil bench --webrtc` runs in its process.</summary>
internal static class LatencyServe
{
    /// <param name="template">The bench's own options (its classes, styles, cadence), which the stream runs under instead of the server defaults.</param>
    public static ServeInProcess For(AnonymizeSettings template) => (server, ct) => ServeHost.RunAsync(new ServeSettings
    {
        Http = server.Http, AdminToken = server.AdminToken, Rtmp = server.Rtmp, Grpc = "", WebRtc = server.WebRtc,
        Streams = [Spec(server.Stream), Spec(server.RtmpStream)],
        Redaction = PolicyOfSettings.From(template),
    }, template, ct);

    private static StreamSpec Spec(LatencyStream stream) => new() { Name = stream.Name, Key = stream.Key, Destinations = [stream.Output] };
}

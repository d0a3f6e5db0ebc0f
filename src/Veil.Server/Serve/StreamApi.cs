using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Veil.Server.Serve;

/// <summary>REST for streams: list, get, create and delete; errors are JSON objects with an "error" text.</summary>
internal static class StreamApi
{
    public static void Map(IEndpointRouteBuilder app, StreamRegistry registry)
    {
        app.MapGet("/api/streams", () => Results.Json(registry.All.Select(Status)));
        app.MapGet("/api/streams/{name}", (string name) =>
            registry.Find(name) is { } s ? Results.Json(Status(s)) : NotFound(name));
        app.MapPost("/api/streams", (StreamSpec? spec) =>
        {
            if (spec is null) return Results.Json(new { error = "the body must be a stream: {\"name\", \"source\", \"destinations\": [...], \"loop\"}" }, statusCode: 400);
            try
            {
                var stream = registry.Add(spec);
                return Results.Json(Status(stream), statusCode: 201);
            }
            catch (ArgumentException e) { return Results.Json(new { error = e.Message }, statusCode: 400); }
            catch (InvalidOperationException e) { return Results.Json(new { error = e.Message }, statusCode: 409); }
        });
        app.MapDelete("/api/streams/{name}", async (string name) =>
            await registry.RemoveAsync(name) ? Results.NoContent() : NotFound(name));
    }

    private static object DestinationJson(LiveStream s, string url)
    {
        var status = s.Destinations.FirstOrDefault(d => d.Url == url);
        return new
        {
            url,
            state = status?.State.ToString().ToLowerInvariant() ?? "idle",
            sent_packets = status?.SentPackets ?? 0,
            dropped_packets = status?.DroppedPackets ?? 0,
            connections = status?.Connections ?? 0,
            last_error = status?.LastError,
        };
    }

    private static IResult NotFound(string name) => Results.Json(new { error = $"no stream named '{name}'" }, statusCode: 404);

    private static object Status(LiveStream s) => new
    {
        name = s.Spec.Name,
        source = s.Spec.IsPush ? "publisher (RTMP, gRPC or WHIP)" : s.Spec.Source,
        destinations = s.Spec.Destinations.Select(url => DestinationJson(s, url)),
        loop = s.Spec.Loop,
        camera = s.Spec.Camera,
        state = s.State.ToString().ToLowerInvariant(),
        attempts = s.Attempts,
        frames = s.Frames,
        fps = Math.Round(s.Fps, 1),
        obscured_frames = s.ObscuredFrames,
        shed_frames = s.ShedFrames,
        webrtc_viewers = s.Viewers.Count,
        latency_ms = s.LatencyMs is { } l ? new { p50 = Math.Round(l.P50), p95 = Math.Round(l.P95), p99 = Math.Round(l.P99) } : null,
        running_since = s.RunningSince,
        last_error = s.LastError,
    };
}

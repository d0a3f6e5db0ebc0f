using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Veil.Server.Serve;

/// <summary>REST for streams: list, get, create and delete; every error is problem+json (<see cref="ControlApiProblems"/>).</summary>
internal static class StreamApi
{
    public static void MapStreamApi(this WebApplication app, StreamRegistry registry)
    {
        ControlApiProblems.Use(app);
        app.MapGet("/api/streams", () => Results.Json(registry.All.Select(Status)));
        app.MapGet("/api/streams/{name}", (HttpContext context, string name) =>
            registry.Find(name) is { } s ? Results.Json(Status(s)) : NotFound(context, name));
        app.MapPost("/api/streams", async (HttpContext context) =>
        {
            var spec = await StreamSpecReader.ReadAsync(context.Request, context.RequestAborted);
            try
            {
                var stream = registry.Add(spec);
                return Results.Json(Status(stream), statusCode: 201);
            }
            catch (ArgumentException e) { return ControlApiProblems.Result(context, StatusCodes.Status400BadRequest, e.Message); }
            catch (InvalidOperationException e) { return ControlApiProblems.Result(context, StatusCodes.Status409Conflict, e.Message); }
        });
        app.MapDelete("/api/streams/{name}", async (HttpContext context, string name) =>
            await registry.RemoveAsync(name) ? Results.NoContent() : NotFound(context, name));
    }

    private static object DestinationJson(LiveStream s, string url)
    {
        var status = s.Destinations.FirstOrDefault(d => d.Url == url);
        return new
        {
            url,
            file = s.Files.Current(url), // a file destination's file now: the one named, or NAME-2.EXT... when that was there before
            state = status?.State.ToString().ToLowerInvariant() ?? "idle",
            sent_packets = status?.SentPackets ?? 0,
            dropped_packets = status?.DroppedPackets ?? 0,
            connections = status?.Connections ?? 0,
            last_error = status?.LastError,
        };
    }

    private static IResult NotFound(HttpContext context, string name) =>
        ControlApiProblems.Result(context, StatusCodes.Status404NotFound, $"no stream named '{ControlApiText.Echo(name)}'");

    private static object Status(LiveStream s) => new
    {
        name = s.Spec.Name,
        source = s.Spec.IsPush ? "publisher (RTMP, SRT, gRPC or WHIP)" : s.Spec.Source,
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
        side_outputs = s.SideOutputs.Select(o => new
        {
            name = o.Url,
            state = o.State.ToString().ToLowerInvariant(),
            written_packets = o.SentPackets,
            dropped_packets = o.DroppedPackets,
            last_error = o.LastError,
        }),
        latency_ms = Rounded(s.LatencyMs),
        settled_latency_ms = Rounded(s.SettledLatencyMs),
        running_since = s.RunningSince,
        last_error = s.LastError,
    };

    private static object? Rounded((double P50, double P95, double P99)? ms) =>
        ms is { } l ? new { p50 = Math.Round(l.P50), p95 = Math.Round(l.P95), p99 = Math.Round(l.P99) } : null;
}

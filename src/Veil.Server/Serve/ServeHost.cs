using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using System.Net;
using Veil.Ingest;
using Veil.Ingest.Auth;
using Veil.Ingest.Grpc;
using Veil.Ingest.Rtmp;
using Veil.Ingest.Srt;
using Veil.Server.Anonymize;
using Veil.Server.Hooks;
using Veil.Server.VisionSetup;
using Veil.Server.Violations;
using Veil.Server.Serve.Hls;
using Veil.Server.Serve.Recording;
using Veil.Server.WebRtc;

namespace Veil.Server.Serve;

/// <summary>
/// `veil serve`: the streams of the configuration started under one supervisor each, the control
/// API (/api/streams, admin bearer token), /healthz, /readyz and Prometheus /metrics, until stopped.
/// </summary>
internal static class ServeHost
{
    public static async Task<int> RunAsync(ServeSettings settings, AnonymizeSettings template, CancellationToken ct)
    {
        // Models first and last: every stream shares them, and the streams stop (with the app) before they go.
        using var detection = ProcessorFactory.LoadModels(template);
        var builder = WebApplication.CreateSlimBuilder();
        EventReporter? events = null;
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.IncludeScopes = true;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var http = new Uri(settings.Http);
            kestrel.Listen(ServeSettings.Address(http.Host), http.Port, o => o.Protocols = HttpProtocols.Http1);
            if (settings.Grpc.Length > 0)
            {
                var grpc = IPEndPoint.Parse(settings.Grpc);
                kestrel.Listen(grpc, o => o.Protocols = HttpProtocols.Http2); // h2c: gRPC without TLS needs its own port
            }
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddHooks(settings.Hooks);
        HlsFolder? hls = null;
        RecordingFolder? recordings = null;
        builder.Services.AddSingleton(sp => new StreamRegistry(settings, template, detection, sp.GetRequiredService<ILoggerFactory>(), events, sp.GetRequiredService<IStreamEvents>(), hls, recordings));
        // One throttle for every way in: a wrong stream key on RTMP counts against the same address on the API.
        var throttle = new FailureThrottle(settings.AuthFailuresPerMinute, TimeSpan.FromMinutes(1));
        builder.Services.AddSingleton<IPublishPoints>(sp => new PublishPoints(sp.GetRequiredService<StreamRegistry>(), settings, throttle,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("veil.auth")));
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = settings.MaxMessageBytes);
        await using var app = builder.Build();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("veil");
        var eventLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("veil.events");
        // One outbox for the whole server: every stream's events, delivered in order, across restarts.
        await using var reporter = template.Violations is { } violations ? new EventReporter(violations, message => eventLog.LogInformation("{Message}", message), app.Services.GetRequiredService<IStreamEvents>()) : null;
        events = reporter;
        using var hlsFolder = settings.Hls.Enabled ? new HlsFolder(settings.Hls, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("veil.hls")) : null;
        hls = hlsFolder;
        recordings = settings.Recording.Enabled ? new RecordingFolder(settings.Recording, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("veil.recording")) : null;
        var registry = app.Services.GetRequiredService<StreamRegistry>();

        string token = settings.AdminToken;
        if (token.Length == 0)
        {
            token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            log.LogWarning("no Veil:AdminToken configured: the control API takes this one for this run: {Token}", token);
        }
        _ = new StreamMetrics(registry);

        app.Use(ApiAuth.Middleware(token, throttle, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("veil.auth"), settings.AuthFailuresPerMinute));
        StreamApi.Map(app, registry);
        Policy.PolicyApi.Map(app, registry);
        if (recordings is not null) RecordingApi.Map(app, recordings);
        app.MapGrpcService<PublisherService>();
        var points = app.Services.GetRequiredService<IPublishPoints>();
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () =>
        {
            var waiting = registry.All.Where(s => s.State is StreamState.Starting or StreamState.Retrying)
                .Select(s => new { name = s.Spec.Name, state = s.State.ToString().ToLowerInvariant(), error = s.LastError }).ToList();
            return waiting.Count == 0 ? Results.Json(new { ready = true }) : Results.Json(new { ready = false, waiting }, statusCode: 503);
        });
        app.MapMetrics("/metrics");
        await using var webRtc = settings.WebRtc.Length == 0 ? null
            : new WebRtcSessions(IPEndPoint.Parse(settings.WebRtc), settings.WebRtcCandidates.Select(IPAddress.Parse).ToList(), settings.WebRtcBitrateKbps, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("veil.webrtc"));
        if (webRtc is not null)
        {
            WhipEndpoints.Map(app, points, webRtc);
            WhepEndpoints.Map(app, registry, webRtc);
        }
        if (hlsFolder is not null) HlsEndpoints.Map(app, registry, hlsFolder);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "web")),
            RequestPath = "/web",
        });

        await app.StartAsync(ct);
        log.LogInformation("veil serve: control API, /healthz, /readyz and /metrics on {Url}{Grpc}{WebRtc}{Hls}{Recording}", settings.Http,
            settings.Grpc.Length > 0 ? $"; gRPC publishing on {settings.Grpc}" : "",
            webRtc is null ? "" : $"; WHIP at {settings.Http}/whip/STREAM, WHEP at {settings.Http}/whep/STREAM, pages at {settings.Http}/web/publish.html and /web/watch.html",
            hlsFolder is null ? "" : $"; HLS at {settings.Http}/hls/STREAM/{HlsFolder.Playlist} (files in {hlsFolder.Root})",
            recordings is null ? "" : $"; recording to {recordings.Root}");
        await using var rtmp = settings.Rtmp.Length == 0 ? null
            : new RtmpServer(IPEndPoint.Parse(settings.Rtmp), points, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("veil.rtmp"), settings.RtmpLimits());
        rtmp?.Start();
        await using var srt = settings.Srt.Length == 0 ? null
            : new SrtServer(IPEndPoint.Parse(settings.Srt), points, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("veil.srt"), settings.SrtOptions());
        srt?.Start();
        foreach (var spec in settings.Streams) registry.Add(spec);
        try { await app.WaitForShutdownAsync(ct); }
        catch (OperationCanceledException) { }
        log.LogInformation("veil serve: stopping {Count} stream(s)", registry.All.Count());
        await registry.DisposeAsync();
        return 0;
    }
}

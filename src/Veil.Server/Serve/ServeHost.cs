using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Veil.Server.Anonymize;
using Veil.Server.Hooks;
using Veil.Server.Ingest;
using Veil.Server.Policy;
using Veil.Server.Serve.Hls;
using Veil.Server.Serve.Recording;
using Veil.Server.Violations;
using Veil.Server.WebRtc;

namespace Veil.Server.Serve;

/// <summary>
/// `veil serve`: the streams of the configuration started under one supervisor each, the control
/// API (/api/streams, admin bearer token), /healthz, /readyz and Prometheus /metrics, until stopped.
/// Each area registers and maps itself; the container disposes what it made when the app goes.
/// </summary>
internal static class ServeHost
{
    public static async Task<int> RunAsync(ServeSettings settings, AnonymizeSettings template, CancellationToken ct)
    {
        // Models first and last: every stream shares them, and the streams stop (with the app) before they go.
        using var detection = ProcessorFactory.LoadModels(template);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.AddServeConsole();
        builder.WebHost.ListenForHttp(settings.Http);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddHooks(settings.Hooks);
        builder.Services.AddViolationEvents(template.Violations);
        builder.Services.AddHls(settings.Hls);
        builder.Services.AddRecording(settings.Recording);
        builder.Services.AddStreams(settings, template, detection);
        builder.Services.AddIngest(settings);
        builder.Services.AddWebRtc(settings);
        await using var app = builder.Build();
        // Made now, with the streams' outputs (the events' outbox, the HLS and recording folders), before anything listens.
        var registry = app.Services.GetRequiredService<StreamRegistry>();

        app.UseControlApiAuth(settings);
        app.MapStreamApi(registry);
        app.MapPolicyApi(registry);
        app.MapRecordingApi();
        app.MapGrpcIngest();
        app.MapHealth(registry);
        app.MapStreamMetrics(registry);
        app.MapWebRtc(registry);
        app.MapHls(registry);
        app.UseWebPages();

        await app.StartAsync(ct);
        var log = app.Services.Logger("veil");
        LogListening(log, settings, app.Services);
        app.StartIngestServers();
        foreach (var spec in settings.Streams) registry.Add(spec);
        try { await app.WaitForShutdownAsync(ct); }
        catch (OperationCanceledException) { }
        ServeLog.Stopping(log, registry.All.Count());
        await registry.DisposeAsync();
        return 0;
    }

    private static void LogListening(ILogger log, ServeSettings settings, IServiceProvider services)
    {
        var hls = services.GetService<HlsFolder>();
        var recordings = services.GetService<RecordingFolder>();
        ServeLog.Listening(log, settings.Http,
            settings.Grpc.Length > 0 ? $"; gRPC publishing on {settings.Grpc}" : "",
            services.GetService<WebRtcSessions>() is null ? "" : $"; WHIP at {settings.Http}/whip/STREAM, WHEP at {settings.Http}/whep/STREAM, pages at {settings.Http}/web/publish.html and /web/watch.html",
            hls is null ? "" : $"; HLS at {settings.Http}/hls/STREAM/{HlsFolder.Playlist} (files in {hls.Root})",
            recordings is null ? "" : $"; recording to {recordings.Root}");
    }
}

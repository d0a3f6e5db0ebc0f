using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Veil.Ingest;
using Veil.Ingest.Auth;
using Veil.Ingest.Grpc;
using Veil.Ingest.Rtmp;
using Veil.Ingest.Srt;
using Veil.Server.Serve;

namespace Veil.Server.Ingest;

/// <summary>The ways a publisher comes in (WHIP is WebRTC's), every one through <see cref="PublishPoints"/>.</summary>
internal static class IngestServices
{
    public static IServiceCollection AddIngest(this IServiceCollection services, ServeSettings settings)
    {
        // One throttle for every way in: a wrong stream key on RTMP counts against the same address on the API.
        services.AddSingleton(new FailureThrottle(settings.AuthFailuresPerMinute, TimeSpan.FromMinutes(1)));
        services.AddSingleton<IPublishPoints>(sp => new PublishPoints(sp.GetRequiredService<StreamRegistry>(), settings, sp.GetRequiredService<FailureThrottle>(), sp.Logger("veil.auth")));
        if (settings.Grpc.Length > 0) // h2c: gRPC without TLS needs its own port
            services.Configure<KestrelServerOptions>(kestrel => kestrel.Listen(IPEndPoint.Parse(settings.Grpc), o => o.Protocols = HttpProtocols.Http2));
        services.AddGrpc(o => o.MaxReceiveMessageSize = settings.MaxMessageBytes);
        if (settings.Rtmp.Length > 0)
            services.AddSingleton(sp => new RtmpServer(IPEndPoint.Parse(settings.Rtmp), sp.GetRequiredService<IPublishPoints>(), sp.Logger("veil.rtmp"), settings.RtmpLimits()));
        if (settings.Srt.Length > 0)
            services.AddSingleton(sp => new SrtServer(IPEndPoint.Parse(settings.Srt), sp.GetRequiredService<IPublishPoints>(), sp.Logger("veil.srt"), settings.SrtOptions()));
        return services;
    }

    public static void MapGrpcIngest(this WebApplication app) => app.MapGrpcService<PublisherService>();

    /// <summary>RTMP and SRT take publishers once the HTTP side listens (the container stops them).</summary>
    public static void StartIngestServers(this WebApplication app)
    {
        app.Services.GetService<RtmpServer>()?.Start();
        app.Services.GetService<SrtServer>()?.Start();
    }
}

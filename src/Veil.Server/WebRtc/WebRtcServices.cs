using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Veil.Ingest;
using Veil.Server.Serve;

namespace Veil.Server.WebRtc;

internal static class WebRtcServices
{
    /// <summary>WHIP and WHEP's UDP port and sessions when Veil:WebRtc names an address (none registered: no WebRTC).</summary>
    public static IServiceCollection AddWebRtc(this IServiceCollection services, ServeSettings settings) => settings.WebRtc.Length == 0 ? services
        : services.AddSingleton(sp => new WebRtcSessions(IPEndPoint.Parse(settings.WebRtc), settings.WebRtcCandidates.Select(IPAddress.Parse).ToList(),
            settings.WebRtcBitrateKbps, sp.Logger("veil.webrtc")));

    public static void MapWebRtc(this WebApplication app, IWebRtcStreams streams)
    {
        if (app.Services.GetService<WebRtcSessions>() is not { } sessions) return; // no WebRTC
        WhipEndpoints.Map(app, app.Services.GetRequiredService<IPublishPoints>(), sessions);
        WhepEndpoints.Map(app, streams, sessions);
    }

    /// <summary>/web/: the WHIP publish, WHEP watch and latency pages (samples/web, copied beside the program).</summary>
    public static void UseWebPages(this WebApplication app) => app.UseStaticFiles(new StaticFileOptions
    {
        FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "web")),
        RequestPath = "/web",
    });
}

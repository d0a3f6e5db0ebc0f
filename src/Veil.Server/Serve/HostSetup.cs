using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Veil.Server.Serve;

/// <summary>The host under `veil serve`: how it logs and where its HTTP side listens.</summary>
internal static class HostSetup
{
    /// <summary>One line a message with its time and scopes (the stream's name); ASP.NET Core and gRPC from warnings up.</summary>
    public static ILoggingBuilder AddServeConsole(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.IncludeScopes = true;
        });
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        return logging.AddFilter("Grpc", LogLevel.Warning);
    }

    /// <summary>HTTP/1.1 on Veil:Http: the control API, health, metrics, WHIP, WHEP, HLS and the pages.</summary>
    public static IWebHostBuilder ListenForHttp(this IWebHostBuilder web, string url) => web.ConfigureKestrel(kestrel =>
    {
        var http = new Uri(url);
        kestrel.Listen(ServeSettings.Address(http.Host), http.Port, o => o.Protocols = HttpProtocols.Http1);
    });
}

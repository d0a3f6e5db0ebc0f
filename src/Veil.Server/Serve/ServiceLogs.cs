using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Veil.Server.Serve;

internal static class ServiceLogs
{
    /// <summary>A logger of the server's own category ("veil.hls", "veil.rtmp", ...), for what the container builds.</summary>
    public static ILogger Logger(this IServiceProvider services, string category) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger(category);
}

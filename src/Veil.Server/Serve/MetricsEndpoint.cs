using Microsoft.AspNetCore.Builder;
using Prometheus;

namespace Veil.Server.Serve;

internal static class MetricsEndpoint
{
    /// <summary>Prometheus /metrics: the process's and the hooks' series, and each stream's, read from the registry at each scrape.</summary>
    public static void MapStreamMetrics(this WebApplication app, StreamRegistry registry)
    {
        _ = new StreamMetrics(registry);
        app.MapMetrics("/metrics");
    }
}

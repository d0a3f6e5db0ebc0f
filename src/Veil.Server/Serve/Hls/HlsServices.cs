using Microsoft.Extensions.DependencyInjection;

namespace Veil.Server.Serve.Hls;

internal static class HlsServices
{
    /// <summary>The HLS folder when Veil:Hls is on (none registered: no stream writes HLS, /hls/ is not mapped).</summary>
    public static IServiceCollection AddHls(this IServiceCollection services, HlsSettings settings) => !settings.Enabled ? services
        : services.AddSingleton(sp => new HlsFolder(settings, sp.Logger("veil.hls")));
}

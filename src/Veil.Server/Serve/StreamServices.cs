using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Veil.Server.Anonymize;
using Veil.Server.Serve.Hls;
using Veil.Server.Serve.Recording;
using Veil.Server.Violations;
using Veil.Server.VisionSetup;

namespace Veil.Server.Serve;

internal static class StreamServices
{
    /// <summary>
    /// The streams (<see cref="StreamRegistry"/>), all on the models loaded once. The outputs each
    /// stream writes besides its destinations - violation events, HLS, recordings - are the ones
    /// registered, made when the registry is.
    /// </summary>
    public static IServiceCollection AddStreams(this IServiceCollection services, ServeSettings settings, AnonymizeSettings template, DetectionSetup? models) =>
        services.AddSingleton(sp => new StreamRegistry(settings, template, models, sp.GetRequiredService<ILoggerFactory>(),
            sp.GetService<EventReporter>(), sp.GetRequiredService<IStreamEvents>(), sp.GetService<HlsFolder>(), sp.GetService<RecordingFolder>()));
}

using Microsoft.Extensions.DependencyInjection;

namespace Veil.Server.Serve.Recording;

internal static class RecordingServices
{
    /// <summary>The recordings' folder when Veil:Recording is on (none registered: nothing is recorded, the API is not mapped).</summary>
    public static IServiceCollection AddRecording(this IServiceCollection services, RecordingSettings settings) => !settings.Enabled ? services
        : services.AddSingleton(sp => new RecordingFolder(settings, sp.Logger("veil.recording")));
}

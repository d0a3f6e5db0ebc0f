using Microsoft.Extensions.DependencyInjection;
using Veil.Server.Serve;

namespace Veil.Server.Violations;

internal static class ViolationServices
{
    /// <summary>
    /// With --events, one outbox for the whole server: every stream's events, delivered in order,
    /// across restarts, and told to the hooks. Without, none is registered and no rules run.
    /// </summary>
    public static IServiceCollection AddViolationEvents(this IServiceCollection services, ViolationSettings? violations) => violations is null ? services
        : services.AddSingleton(sp => new EventReporter(violations, sp.Logger("veil.events"), sp.GetRequiredService<IStreamEvents>()));
}

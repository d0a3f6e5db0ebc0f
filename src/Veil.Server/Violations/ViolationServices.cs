using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Veil.Server.Serve;

namespace Veil.Server.Violations;

internal static class ViolationServices
{
    /// <summary>
    /// With --events, one outbox for the whole server: every stream's events, delivered in order,
    /// across restarts, and told to the hooks. Without, none is registered and no rules run.
    /// </summary>
    public static IServiceCollection AddViolationEvents(this IServiceCollection services, ViolationSettings? violations) => violations is null ? services
        : services.AddSingleton(sp =>
        {
            var log = sp.Logger("veil.events");
            return new EventReporter(violations, message => ViolationsLog.Events(log, message), sp.GetRequiredService<IStreamEvents>());
        });
}

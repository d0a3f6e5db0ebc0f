using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Veil.Server.Serve;

namespace Veil.Server.Hooks;

internal static class HookServices
{
    /// <summary>
    /// The hooks as the server's <see cref="IStreamEvents"/> (none configured: events go nowhere).
    /// The container disposes them after the streams, which it made later, so the streams' last
    /// events are still sent.
    /// </summary>
    public static IServiceCollection AddHooks(this IServiceCollection services, IReadOnlyList<HookSpec> hooks) =>
        services.AddSingleton<IStreamEvents>(sp => new HookDispatcher(hooks, sp.GetRequiredService<ILoggerFactory>().CreateLogger("veil.hooks")));
}

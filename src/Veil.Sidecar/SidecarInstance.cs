using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Veil.Sidecar.Store;

namespace Veil.Sidecar;

/// <summary>A started sidecar: where it listens, until disposed (Kestrel stopped first, then the store closed).</summary>
public sealed class SidecarInstance(WebApplication app, IEventStore store, Uri url) : IAsyncDisposable
{
    /// <summary>The bound address, with the real port when the settings asked for port 0.</summary>
    public Uri Url { get; } = url;

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        await store.DisposeAsync();
    }
}

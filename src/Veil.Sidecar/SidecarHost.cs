using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Veil.Sidecar.Api;
using Veil.Sidecar.Media;
using Veil.Sidecar.Store;

namespace Veil.Sidecar;

/// <summary>`veil sidecar`: the store migrated, then the REST API on Kestrel until stopped.</summary>
public static class SidecarHost
{
    public static async Task RunAsync(SidecarSettings settings, CancellationToken cancellationToken)
    {
        await using var sidecar = await StartAsync(settings, cancellationToken);
        try { await sidecar.WaitForShutdownAsync(cancellationToken); }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
    }

    /// <summary>Validates the settings, migrates the store (before anything listens) and starts Kestrel.</summary>
    /// <param name="log">Where the log goes besides the console (a host's own logging, a test's capture).</param>
    public static async Task<SidecarInstance> StartAsync(SidecarSettings settings, CancellationToken cancellationToken, ILoggerProvider? log = null)
    {
        settings.Validate();
        var media = new MediaStore(settings.MediaDirectory);
        var store = EventStores.Open(settings.Database);
        try
        {
            await store.MigrateAsync(cancellationToken);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }

        // Production whatever the environment says: the developer exception page would show stack traces.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        if (log is not null) builder.Logging.AddProvider(log);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.WebHost.UseUrls(settings.Url);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = RequestLimits.MaxEventBytes);
        var app = builder.Build();
        try
        {
            SidecarApi.Map(app, store, media, settings.IngestToken, settings.AdminToken);
            Web.WebPages.Map(app, store, settings);
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            await store.DisposeAsync();
            throw;
        }

        var url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        SidecarLog.Listening(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("veil.sidecar"), store.Engine, media.Root, url.ToString());
        return new SidecarInstance(app, store, url);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Veil.Sidecar.Api;
using Veil.Sidecar.Store;

namespace Veil.Sidecar.Web;

/// <summary>
/// The web views, plain files from <c>wwwroot</c> beside the binary: <c>/</c> (the public map),
/// <c>/{page}.html</c>, <c>/app/{file}</c> (the pages' modules and styles) and <c>/vendor/…</c>
/// (the libraries scripts/vendor-web.sh extracts), plus GET /api/web-config and GET /api/events.geojson.
/// </summary>
public static class WebPages
{
    public static void Map(WebApplication app, IEventStore store, SidecarSettings settings)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!File.Exists(Path.Combine(root, "vendor", "vendor.lock")))
            WebLog.VendorMissing(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("veil.sidecar"), Path.Combine(root, "vendor"));
        Directory.CreateDirectory(root);
        // PhysicalFileProvider answers "not found" for paths that leave the root (.., absolute) and for dot files.
        var files = new WebFiles(new PhysicalFileProvider(root), new PageHeaders(TileLayer.Source(settings.TileUrl)));
        app.MapGet("/", (HttpContext context) => files.Serve(context, "index.html"));
        app.MapGet("/{page}.html", (HttpContext context, string page) => files.Serve(context, page + ".html"));
        app.MapGet("/app/{file}", (HttpContext context, string file) => files.Serve(context, "app/" + file));
        app.MapGet("/vendor/{**path}", (HttpContext context, string path) => files.Serve(context, "vendor/" + path));
        app.MapGet("/api/web-config", () => Results.Json(new WebConfigJson(settings.TileUrl, settings.TileAttribution), SidecarJson.Output));
        GeoJsonEndpoint.Map(app, store);
    }
}

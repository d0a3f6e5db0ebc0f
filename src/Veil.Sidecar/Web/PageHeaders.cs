using Microsoft.AspNetCore.Http;

namespace Veil.Sidecar.Web;

/// <summary>
/// Headers of every page and asset: scripts, styles and requests from the sidecar only; images also
/// from data: and blob: URLs (Leaflet's icons, snapshots fetched with credentials on the review
/// page) and the tile server when one is set. Leaflet positions its panes with inline styles.
/// </summary>
internal sealed class PageHeaders(string? tileSource)
{
    private readonly string _policy =
        $"default-src 'self'; img-src 'self' data: blob:{(tileSource is null ? "" : " " + tileSource)}; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

    public void Apply(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = _policy;
        response.Headers.XContentTypeOptions = "nosniff";
        // Revalidated each time (cheap with the ETag): a new sidecar version must not run with stale scripts.
        response.Headers.CacheControl = "no-cache";
    }
}

namespace Veil.Sidecar.Web;

/// <summary>
/// The tile server of the public map, a Leaflet URL template. The usual one is OpenStreetMap's,
/// <c>https://tile.openstreetmap.org/{z}/{x}/{y}.png</c>, with the attribution
/// "© OpenStreetMap contributors" (its usage policy asks for that credit and a valid Referer; heavy
/// use needs a tile server of one's own). Empty: no tiles, the map draws a plain grid.
/// </summary>
public static class TileLayer
{
    /// <summary>Why <paramref name="url"/> cannot be a tile URL, or null when it can (or is empty).</summary>
    public static string? Problem(string url)
    {
        if (url.Length == 0) return null;
        var sample = url.Replace("{s}", "a").Replace("{z}", "1").Replace("{x}", "2").Replace("{y}", "3").Replace("{r}", "");
        var valid = Uri.TryCreate(sample, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && url.Contains("{z}") && url.Contains("{x}") && url.Contains("{y}")
            && !url.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or ';');
        return valid ? null : $"TileUrl '{url}' must be an http(s) URL template with {{z}}, {{x}} and {{y}}, e.g. https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png";
    }

    /// <summary>
    /// The tile server as a Content-Security-Policy source ("https://host:port", a {s} subdomain
    /// becoming "*"), or null without tiles.
    /// </summary>
    public static string? Source(string url)
    {
        if (url.Length == 0) return null;
        var hostStart = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var pathStart = url.IndexOf('/', hostStart);
        return (pathStart < 0 ? url : url[..pathStart]).Replace("{s}", "*");
    }
}

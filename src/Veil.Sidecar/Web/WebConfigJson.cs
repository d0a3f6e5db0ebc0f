namespace Veil.Sidecar.Web;

/// <summary>GET /api/web-config: what the pages need to know about this sidecar.</summary>
internal sealed record WebConfigJson(string TileUrl, string TileAttribution);

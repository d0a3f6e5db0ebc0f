using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Veil.Server.Serve.Hls;

/// <summary>
/// GET /hls/{stream}/{file}: a stream's playlist, init segment and media segments, as the hls muxer
/// wrote them from the anonymized output. Only those names are served (no path, no .tmp file being
/// written), so nothing but redacted video is reachable here, and watching needs no token. The
/// playlist changes with every segment and is never cached; segment names are never reused.
/// </summary>
internal static partial class HlsEndpoints
{
    public static void MapHls(this WebApplication app, StreamRegistry streams)
    {
        if (app.Services.GetService<HlsFolder>() is not { } folder) return; // no HLS output
        app.MapGet("/hls/{name}/{file}", (HttpContext context, string name, string file) =>
        {
            context.Response.Headers.AccessControlAllowOrigin = "*"; // a player on another page may read it, as WHEP allows
            if (streams.Find(name) is not { } stream) return Results.Text($"no stream named '{name}'\n", "text/plain", statusCode: 404);
            if (!FileName().IsMatch(file)) return Results.Text($"'{file}' is not a playlist or segment name\n", "text/plain", statusCode: 404);
            FileStream content;
            try { content = File.OpenRead(Path.Combine(folder.Of(stream.Name), file)); }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return Results.Text(file == HlsFolder.Playlist ? $"stream '{stream.Name}' has no HLS output yet (it starts with the stream's first segment)\n" : $"no {file} (segments older than the playlist are deleted)\n",
                    "text/plain", statusCode: 404);
            }
            bool playlist = file.EndsWith(".m3u8", StringComparison.Ordinal);
            context.Response.Headers.CacheControl = playlist ? "no-cache, no-store" : "max-age=3600";
            string type = playlist ? "application/vnd.apple.mpegurl" : file.EndsWith(".m4s", StringComparison.Ordinal) ? "video/iso.segment" : "video/mp4";
            return Results.Stream(content, type, enableRangeProcessing: true);
        });
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\.(m3u8|m4s|mp4)$")]
    private static partial Regex FileName();
}

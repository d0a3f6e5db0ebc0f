using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;
using Veil.Sidecar.Api;

namespace Veil.Sidecar.Web;

/// <summary>Answers with one file of the web root, typed by its extension; anything else is a JSON 404.</summary>
internal sealed class WebFiles(IFileProvider root, PageHeaders headers)
{
    private static readonly FileExtensionContentTypeProvider Types = new();

    public IResult Serve(HttpContext context, string path)
    {
        var file = root.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory || file.PhysicalPath is null || !Types.TryGetContentType(path, out var type))
            throw ApiException.NotFound(path.StartsWith("vendor/", StringComparison.Ordinal)
                ? $"no file /{path} (the libraries come from scripts/vendor-web.sh)"
                : $"no page /{path}");
        headers.Apply(context.Response);
        var etag = new EntityTagHeaderValue($"\"{file.LastModified.ToUnixTimeMilliseconds():x}-{file.Length:x}\"");
        return Results.File(file.PhysicalPath, type == "text/html" ? "text/html; charset=utf-8" : type, lastModified: file.LastModified, entityTag: etag);
    }
}

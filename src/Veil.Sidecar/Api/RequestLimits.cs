using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Veil.Sidecar.Api;

/// <summary>Per-endpoint request body limits, refused up front when Content-Length already says too much.</summary>
internal static class RequestLimits
{
    public const long MaxEventBytes = 20 * 1024 * 1024;
    public const long MaxArchiveBytes = 1024L * 1024 * 1024;

    public static void Apply(HttpContext context, long maxBytes)
    {
        if (context.Request.ContentLength > maxBytes)
            throw ApiException.BadRequest($"the request body is {context.Request.ContentLength} bytes, more than the {maxBytes} allowed");
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = maxBytes;
    }
}

using Microsoft.AspNetCore.Http;

namespace Veil.Server.WebRtc;

/// <summary>The HTTP details WHIP and WHEP share: CORS for browser pages on other origins, the SDP body, bearer tokens.</summary>
internal static class WebRtcHttp
{
    public const string SdpType = "application/sdp", TrickleType = "application/trickle-ice-sdpfrag";
    public const int MaxSdpBytes = 64 << 10;

    public static void AllowCors(HttpResponse response)
    {
        response.Headers.AccessControlAllowOrigin = "*";
        response.Headers.AccessControlAllowMethods = "POST, PATCH, DELETE, OPTIONS";
        response.Headers.AccessControlAllowHeaders = "Authorization, Content-Type, If-Match";
        response.Headers.AccessControlExposeHeaders = "Location, ETag, Accept-Patch, Link";
    }

    public static IResult Preflight(HttpContext context)
    {
        AllowCors(context.Response);
        context.Response.Headers["Accept-Post"] = SdpType;
        return Results.NoContent();
    }

    /// <summary>The request's SDP, or an error result: 415 for another content type, 413 for an oversized body.</summary>
    public static async Task<(string? Sdp, IResult? Error)> ReadSdpAsync(HttpRequest request)
    {
        if (!(request.ContentType ?? "").StartsWith(SdpType, StringComparison.OrdinalIgnoreCase))
            return (null, Text($"the body must be an SDP offer with Content-Type {SdpType}, not '{request.ContentType}'", 415));
        if (request.ContentLength > MaxSdpBytes) return (null, Text($"an SDP offer of {request.ContentLength} bytes is over the {MaxSdpBytes} byte limit", 413));
        using var reader = new StreamReader(request.Body);
        var buffer = new char[MaxSdpBytes + 1];
        int read = await reader.ReadBlockAsync(buffer);
        if (read > MaxSdpBytes) return (null, Text($"the SDP offer is over the {MaxSdpBytes} byte limit", 413));
        return (new string(buffer, 0, read), null);
    }

    public static string Bearer(HttpRequest request)
    {
        string header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..].Trim() : "";
    }

    public static IResult Text(string message, int status) => Results.Text(message + "\n", "text/plain", statusCode: status);

    public static IResult Created(HttpContext context, string location, string id, string answer)
    {
        context.Response.Headers.Location = location;
        context.Response.Headers.ETag = $"\"{id}\"";
        context.Response.Headers["Accept-Patch"] = TrickleType;
        return Results.Text(answer, SdpType, statusCode: 201);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Veil.Sidecar.Api;

/// <summary>
/// Every failure leaves as JSON <c>{ "error": "..." }</c> with a status that says whose fault it is;
/// an unexpected exception is logged here and the client gets "internal error", never a stack trace.
/// </summary>
internal static class ErrorResponses
{
    public static void Use(WebApplication app, ILogger log) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (ApiException e)
        {
            await WriteAsync(context, e.StatusCode, e.Message);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own refusals: a body over the endpoint's limit, a malformed request.
            await WriteAsync(context, StatusCodes.Status400BadRequest, "bad request: " + e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody to answer.
        }
        catch (Exception e)
        {
            SidecarLog.RequestFailed(log, e, context.Request.Method, context.Request.Path.Value ?? "");
            await WriteAsync(context, StatusCodes.Status500InternalServerError, "internal error (logged by the sidecar)");
        }
    });

    public static IResult Error(int statusCode, string message) => Results.Json(new { error = message }, SidecarJson.Output, statusCode: statusCode);

    private static async Task WriteAsync(HttpContext context, int statusCode, string message)
    {
        if (context.Response.HasStarted) return; // too late to change the status: the connection ends short instead
        context.Response.Clear();
        context.Response.StatusCode = statusCode;
        if (statusCode == StatusCodes.Status401Unauthorized) context.Response.Headers.WWWAuthenticate = "Bearer";
        await context.Response.WriteAsJsonAsync(new { error = message }, SidecarJson.Output);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Veil.Server.Serve;

/// <summary>
/// Every error answer of the control API (/api) is RFC 9457 problem+json: type "about:blank" (the
/// status says what kind of problem it is), the status's title, the status, a detail that names what
/// is wrong and where, the request path as instance, and extension members where they help (a JSON
/// error's line and position, each bad field's JSON pointer). Also for answers the framework makes
/// without a body (no such endpoint, wrong method) and for unexpected exceptions, which are logged
/// and never shown.
/// </summary>
internal static class ControlApiProblems
{
    public static IResult Result(HttpContext context, int status, string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        Results.Problem(Details(context, status, detail, extensions));

    /// <summary>Writes the problem as the answer; headers set before (Retry-After, say) stay.</summary>
    public static Task WriteAsync(HttpContext context, int status, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        context.Response.StatusCode = status;
        return Result(context, status, detail, extensions).ExecuteAsync(context);
    }

    /// <summary>Turns what goes wrong under /api into problems; registered after the admin token check.</summary>
    public static void Use(WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("veil.api");
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                await next(context);
                return;
            }
            try
            {
                await next(context);
                if (context.Response is { HasStarted: false, StatusCode: >= 400, ContentType: null })
                    await WriteAsync(context, context.Response.StatusCode, Bodiless(context));
            }
            catch (ControlApiException e) when (!context.Response.HasStarted)
            {
                await ReplaceAsync(context, e.Status, e.Message, e.Extensions);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                // Kestrel's own refusals while the body is read: a malformed chunk, a body cut short.
                await ReplaceAsync(context, e.StatusCode, $"the request is malformed: {e.Message}");
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away: nobody to answer.
            }
            catch (Exception e) when (!context.Response.HasStarted)
            {
                ServeLog.ControlApiFailed(log, e, context.Request.Method, context.Request.Path.Value);
                await ReplaceAsync(context, StatusCodes.Status500InternalServerError, "internal error (logged by veil serve)");
            }
        });
    }

    /// <summary>Nothing a failed endpoint prepared (status, headers) goes out with its problem.</summary>
    private static Task ReplaceAsync(HttpContext context, int status, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        context.Response.Clear();
        return WriteAsync(context, status, detail, extensions);
    }

    private static string Bodiless(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => $"no endpoint {context.Request.Method} {ControlApiText.Echo(context.Request.Path.Value ?? "")}: "
            + "the control API has GET and POST /api/streams, GET and DELETE /api/streams/NAME",
        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {context.Request.Path}"
            + (context.Response.Headers.Allow.Count > 0 ? $" (allowed: {context.Response.Headers.Allow})" : ""),
        _ => ReasonPhrases.GetReasonPhrase(context.Response.StatusCode),
    };

    private static ProblemDetails Details(HttpContext context, int status, string detail, IReadOnlyDictionary<string, object?>? extensions)
    {
        if (status == StatusCodes.Status401Unauthorized) context.Response.Headers.WWWAuthenticate = "Bearer";
        var problem = new ProblemDetails
        {
            Type = "about:blank",
            Title = ReasonPhrases.GetReasonPhrase(status),
            Status = status,
            Detail = detail,
            Instance = context.Request.Path.Value,
        };
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>()) problem.Extensions[name] = value;
        return problem;
    }
}

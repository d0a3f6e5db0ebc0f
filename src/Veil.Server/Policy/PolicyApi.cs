using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Veil.Server.Serve;

namespace Veil.Server.Policy;

/// <summary>
/// GET and PATCH /api/streams/{name}/policy: a running stream's privacy policy read and changed.
/// A PATCH names only the fields it changes (JSON merge patch: class_styles merge key by key); it is
/// checked whole first and refused whole (400 invalid, 403 a loosening this server refuses, 409 a
/// class whose model was not loaded), and logged with who made it (the X-Veil-Operator header, else
/// "admin", and the address).
/// </summary>
internal static class PolicyApi
{
    public static void MapPolicyApi(this WebApplication app, StreamRegistry registry)
    {
        app.MapGet("/api/streams/{name}/policy", (HttpContext context, string name) =>
            registry.Find(name) is { } stream ? Results.Json(Status(stream, null)) : NotFound(context, name));
        app.MapMethods("/api/streams/{name}/policy", ["PATCH"], async (HttpContext context, string name) =>
        {
            if (registry.Find(name) is not { } stream) return NotFound(context, name);
            var patch = await PolicyReader.ReadAsync(context.Request, context.RequestAborted);
            try { return Results.Json(Status(stream, stream.ChangePolicy(patch, Who(context)))); }
            catch (PolicyRefusedException e)
            {
                return ControlApiProblems.Result(context, e.Status, e.Message, new Dictionary<string, object?> { ["problems"] = e.Problems });
            }
        });
    }

    private static object Status(LiveStream stream, PolicyChange? change) => new
    {
        stream = stream.Name,
        policy = Json(stream.Policy),
        applied_from_frame = stream.PolicyAppliedFrom,
        pending_next_run = stream.PendingNextRun,
        applied = change?.Applied,
        next_run = change?.NextRun,
    };

    private static object Json(RedactionPolicy p) => new
    {
        classes = p.Classes,
        style = p.Style,
        class_styles = p.ClassStyles,
        cadence = p.Cadence,
        look_ahead_ms = p.LookAheadMs,
        detector_timeout_ms = p.DetectorTimeoutMs,
        on_detector_failure = p.OnDetectorFailure,
    };

    private static string Who(HttpContext context)
    {
        string name = context.Request.Headers["X-Veil-Operator"].FirstOrDefault() is { Length: > 0 } header ? ControlApiText.Echo(header) : "admin";
        return $"{name} from {context.Connection.RemoteIpAddress}";
    }

    private static IResult NotFound(HttpContext context, string name) =>
        ControlApiProblems.Result(context, StatusCodes.Status404NotFound, $"no stream named '{ControlApiText.Echo(name)}'");
}

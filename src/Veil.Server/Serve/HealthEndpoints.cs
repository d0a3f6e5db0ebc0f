using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Veil.Server.Serve;

internal static class HealthEndpoints
{
    /// <summary>/healthz: the process answers; /readyz: 503 and the streams still starting or retrying, until none is.</summary>
    public static void MapHealth(this WebApplication app, StreamRegistry registry)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () =>
        {
            var waiting = registry.All.Where(s => s.State is StreamState.Starting or StreamState.Retrying)
                .Select(s => new { name = s.Spec.Name, state = s.State.ToString().ToLowerInvariant(), error = s.LastError }).ToList();
            return waiting.Count == 0 ? Results.Json(new { ready = true }) : Results.Json(new { ready = false, waiting }, statusCode: 503);
        });
    }
}

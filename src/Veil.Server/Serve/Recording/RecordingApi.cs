using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Veil.Server.Serve.Recording;

/// <summary>GET /api/streams/{name}/recordings: a stream's closed recording files, oldest first (also after the stream was removed).</summary>
internal static partial class RecordingApi
{
    public static void MapRecordingApi(this WebApplication app)
    {
        if (app.Services.GetService<RecordingFolder>() is not { } folder) return; // not recording
        app.MapGet("/api/streams/{name}/recordings", (HttpContext context, string name) =>
        {
            if (!StreamName().IsMatch(name) || !Directory.Exists(folder.Of(name)))
                return ControlApiProblems.Result(context, StatusCodes.Status404NotFound, $"no recordings of a stream named '{ControlApiText.Echo(name)}'");
            var files = folder.Files(name);
            return Results.Json(new
            {
                stream = name,
                folder = folder.Of(name),
                total_bytes = files.Sum(f => f.Length),
                files = files.Select(f => new { name = f.Name, bytes = f.Length, closed = f.LastWriteTimeUtc }),
            });
        });
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex StreamName();
}

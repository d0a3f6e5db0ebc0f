using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Veil.Sidecar.Contract;
using Veil.Sidecar.Media;
using Veil.Sidecar.Store;

namespace Veil.Sidecar.Api;

/// <summary>
/// POST /api/events (ingest token), multipart/form-data: "event" (JSON), optional "snapshot"
/// (image/jpeg) and "clip" (video/mp4 or image/gif). 201 when stored, 200 when this event was already
/// stored: the outbox delivers at least once, so a repeat is success, not an error. Another event
/// under a stored id is 409 (see <see cref="DeliveredContent"/> for what counts as the same event).
/// </summary>
internal static class IngestEndpoint
{
    private static readonly FormOptions Form = new()
    {
        MultipartBodyLengthLimit = RequestLimits.MaxEventBytes,
        ValueLengthLimit = 1024 * 1024,
        ValueCountLimit = 8,
    };

    private static readonly string[] Parts = ["event", "snapshot", "clip"];
    private static readonly string[] SnapshotTypes = [MediaTypes.Jpeg];
    private static readonly string[] ClipTypes = [MediaTypes.Mp4, MediaTypes.Gif];

    public static void Map(WebApplication app, ApiContext api) => app.MapPost("/api/events", (HttpRequest request) => IngestAsync(request.HttpContext, api));

    private static async Task<IResult> IngestAsync(HttpContext context, ApiContext api)
    {
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        api.Auth.RequireIngest(request);
        RequestLimits.Apply(context, RequestLimits.MaxEventBytes);
        if (request.ContentType is not { } type || !type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw ApiException.BadRequest("an event must be posted as multipart/form-data with an \"event\" JSON part");
        var form = await ReadFormAsync(request, cancellationToken);

        var names = form.Keys.Concat(form.Files.Select(f => f.Name)).ToList();
        if (names.FirstOrDefault(n => !Parts.Contains(n)) is { } unknown)
            throw ApiException.BadRequest($"unknown part '{unknown}' (the parts are event, snapshot and clip)");
        if (names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw ApiException.BadRequest($"part '{twice.Key}' is sent more than once");

        var document = SidecarJson.Parse<EventDocument>(await EventTextAsync(form, cancellationToken), "the event part");
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var errors = new List<string>();
        var record = EventDocuments.ToRecord(document, EventStatus.Pending, null, now, now, errors)
            ?? throw ApiException.BadRequest("the event is not valid: " + string.Join("; ", errors));
        record = record with
        {
            SnapshotSha256 = await MediaPartAsync(api.Media, form.Files.GetFile("snapshot"), "snapshot", document.SnapshotSha256, SnapshotTypes, cancellationToken),
            ClipSha256 = await MediaPartAsync(api.Media, form.Files.GetFile("clip"), "clip", document.ClipSha256, ClipTypes, cancellationToken),
        };

        var stored = await api.Store.InsertAsync(record, cancellationToken);
        if (stored.Outcome == InsertOutcome.Duplicate) return Results.Json(new { id = record.Id, result = "duplicate" }, SidecarJson.Output);
        if (stored.Outcome == InsertOutcome.Conflict) return Conflict(context, api, record.Id, stored.Differences);
        api.Stats.Invalidate();
        return Results.Json(new { id = record.Id, result = "created" }, SidecarJson.Output, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// Another event under a stored id: a sender reusing ids, or an id generator gone wrong. The
    /// stored event stays as it is; the sender learns which fields differ (problem+json) and the
    /// operator reads it in the log. Veil's outbox keeps such an event as a dead letter.
    /// </summary>
    private static IResult Conflict(HttpContext context, ApiContext api, string id, IReadOnlyList<string> fields)
    {
        var names = string.Join(", ", fields);
        SidecarLog.ConflictingEvent(api.Log, id, names);
        return Results.Problem(new ProblemDetails
        {
            Type = "about:blank",
            Title = "Conflict",
            Status = StatusCodes.Status409Conflict,
            Detail = $"event id '{id}' is already stored with other content ({names} differ): the stored event is kept; a new event needs a new id",
            Instance = context.Request.Path,
            Extensions = { ["id"] = id, ["fields"] = fields },
        });
    }

    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(Form, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw ApiException.BadRequest("the multipart body is refused: " + e.Message);
        }
        catch (IOException e) when (e is not BadHttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw ApiException.BadRequest("the multipart body is malformed: " + e.Message);
        }
    }

    /// <summary>The event JSON, sent as a plain form field or as a file part.</summary>
    private static async Task<string> EventTextAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        if (form.TryGetValue("event", out var value)) return value.ToString();
        if (form.Files.GetFile("event") is not { } file) throw ApiException.BadRequest("the \"event\" part is missing");
        using var reader = new StreamReader(file.OpenReadStream());
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>
    /// Stores an uploaded part and returns its hash. Without a part, a declared hash must name a
    /// file already stored (a repeat delivery may leave the bytes out).
    /// </summary>
    private static async Task<string?> MediaPartAsync(MediaStore media, IFormFile? part, string name, string? declared, string[] types,
        CancellationToken cancellationToken)
    {
        if (part is null)
        {
            if (declared is not null && media.Find(declared) is null)
                throw ApiException.BadRequest($"{name}_sha256 names a file that is not stored, and no {name} part was sent");
            return declared;
        }
        var partType = part.ContentType.Split(';')[0].Trim();
        if (!types.Contains(partType, StringComparer.OrdinalIgnoreCase))
            throw ApiException.BadRequest($"the {name} part must be {string.Join(" or ", types)}, not '{partType}'");
        try
        {
            await using var content = part.OpenReadStream();
            return (await media.PutAsync(content, declared, RequestLimits.MaxEventBytes, types, cancellationToken)).Sha256;
        }
        catch (MediaRejectedException e)
        {
            throw ApiException.BadRequest($"the {name} part is refused: {e.Message}");
        }
    }
}

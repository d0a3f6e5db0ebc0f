using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Veil.TestSupport;

namespace Veil.Violations.Tests.Outbox;

/// <summary>
/// A real Kestrel server on 127.0.0.1 playing the sidecar's ingest endpoint: <c>POST /api/events</c>,
/// bearer token checked, events stored once by id (200 for a duplicate), every request counted.
/// </summary>
internal sealed class SidecarReceiver : IAsyncDisposable
{
    public const string Token = "test-ingest-token";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ReceivedEvent> _stored = new();
    private readonly ConcurrentDictionary<string, int> _requests = new();
    private readonly List<string> _storeOrder = [];

    private SidecarReceiver(int port, Func<string, int, ReceiverAnswer> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _app = builder.Build();
        _app.MapPost("/api/events", (HttpRequest request) => ReceiveAsync(request, answer));
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseUrl { get; }

    public IReadOnlyDictionary<string, ReceivedEvent> Stored => _stored;

    /// <summary>Ids in the order they were first stored.</summary>
    public IReadOnlyList<string> StoreOrder
    {
        get { lock (_storeOrder) return _storeOrder.ToList(); }
    }

    public int RequestsFor(string id) => _requests.GetValueOrDefault(id);

    public int TotalRequests => _requests.Values.Sum();

    /// <summary>Starts on <paramref name="port"/> (a free one when 0 is given); <paramref name="answer"/> gets the id and its request number (1, 2, ...).</summary>
    public static async Task<SidecarReceiver> StartAsync(int port = 0, Func<string, int, ReceiverAnswer>? answer = null)
    {
        var receiver = new SidecarReceiver(port == 0 ? LoopbackPort.PickFree() : port, answer ?? ((_, _) => ReceiverAnswer.Store));
        await receiver._app.StartAsync();
        return receiver;
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request, Func<string, int, ReceiverAnswer> answer)
    {
        if (request.Headers.Authorization.ToString() != $"Bearer {Token}") return Results.Unauthorized();
        var form = await request.ReadFormAsync();
        var json = form["event"].ToString();
        var id = JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;
        var attempt = _requests.AddOrUpdate(id, 1, (_, n) => n + 1);
        switch (answer(id, attempt))
        {
            case ReceiverAnswer.Fail:
                return Results.StatusCode(500);
            case ReceiverAnswer.Reject:
                return Results.BadRequest(new { error = $"event {id} has no camera" });
            case ReceiverAnswer.StoreThenFail:
                await StoreAsync(id, json, form);
                return Results.StatusCode(500);
            default:
                return await StoreAsync(id, json, form) ? Results.Created($"/api/events/{id}", null) : Results.Ok(new { duplicate = true });
        }
    }

    private async Task<bool> StoreAsync(string id, string json, IFormCollection form)
    {
        var parts = new Dictionary<string, (string, byte[])>();
        foreach (var file in form.Files)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer);
            parts[file.Name] = (file.ContentType, buffer.ToArray());
        }
        if (!_stored.TryAdd(id, new ReceivedEvent(id, json, parts))) return false;
        lock (_storeOrder) _storeOrder.Add(id);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using System.Net;
using System.Text.Json;

namespace Veil.Server.Tests.Hooks;

/// <summary>
/// A webhook receiver as an operator would run one: a real HTTP server (HttpListener) on a loopback
/// port. It can be started late (until then the port refuses connections) and answer 503 to its
/// first requests; it keeps every request it got, and which ones it took (answered 200).
/// </summary>
internal sealed class HookReceiver : IAsyncDisposable
{
    private readonly List<HookRequest> _requests = [];
    private HttpListener? _listener;
    private Task _loop = Task.CompletedTask;
    private int _refuse;

    public HookReceiver(int port) => Url = $"http://127.0.0.1:{port}/hooks/veil";

    public string Url { get; }

    /// <summary>Starts listening; the first <paramref name="unavailable"/> requests are answered 503.</summary>
    public void Start(int unavailable = 0)
    {
        _refuse = unavailable;
        _listener = new HttpListener();
        _listener.Prefixes.Add(Url[..(Url.LastIndexOf('/') + 1)]);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<HookRequest> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    /// <summary>The requests answered 200: the events this receiver took, in order.</summary>
    public IReadOnlyList<HookRequest> Accepted => Requests.Where(r => r.Status == 200).ToList();

    private async Task ServeAsync()
    {
        while (_listener is { IsListening: true } listener)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) when (!listener.IsListening) { return; } // stopped
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            int status = Interlocked.Decrement(ref _refuse) >= 0 ? 503 : 200;
            lock (_requests) _requests.Add(new HookRequest(context.Request.HttpMethod, context.Request.Headers["Veil-Signature"], context.Request.Headers["Veil-Event-Id"],
                context.Request.Headers["Veil-Delivery-Attempt"], context.Request.ContentType, body.ToArray(), status));
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    /// <summary>Waits until <paramref name="count"/> events were taken; fails with what came and the server's log.</summary>
    public async Task<IReadOnlyList<HookRequest>> WaitForAsync(int count, Func<string> serverLog, int seconds = 60)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < deadline; await Task.Delay(200))
            if (Accepted.Count >= count) return Accepted;
        throw new TimeoutException($"{Url} took {Accepted.Count} of {count} events: {string.Join(", ", Accepted.Select(r => r.Type + " " + r.Stream))}; veil log:\n{serverLog()}");
    }

    public async ValueTask DisposeAsync()
    {
        _listener?.Stop();
        await _loop;
        _listener?.Close();
    }
}

/// <summary>One POST a receiver got: its signature header and body as sent, and what it answered.</summary>
internal sealed record HookRequest(string Method, string? Signature, string? EventId, string? Attempt, string? ContentType, byte[] Body, int Status)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    public string Id => Json.GetProperty("id").GetString()!;
    public string Type => Json.GetProperty("type").GetString()!;
    public string Stream => Json.GetProperty("stream").GetString()!;
    public JsonElement Details => Json.GetProperty("details");
}

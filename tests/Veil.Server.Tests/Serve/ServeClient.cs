using System.Net.Http.Headers;
using System.Text.Json;
using Veil.TestSupport;

namespace Veil.Server.Tests.Serve;

/// <summary>A test's view of a running `veil serve`: its control API with the admin token, and its log when a wait fails.</summary>
internal sealed class ServeClient : IDisposable
{
    private readonly RunningProcess _veil;

    public ServeClient(string api, RunningProcess veil, string token)
    {
        _veil = veil;
        Http = new HttpClient { BaseAddress = new Uri(api), Timeout = TimeSpan.FromSeconds(10) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public HttpClient Http { get; }

    /// <summary>Waits until the server answers /healthz; fails with its log when it exits or never does.</summary>
    public async Task WaitUntilListeningAsync()
    {
        for (var deadline = DateTime.UtcNow.AddMinutes(1); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            Assert.False(_veil.HasExited, "veil serve exited: " + _veil.Output);
            try
            {
                if ((await Http.GetAsync("/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { } // not listening yet
        }
        throw new TimeoutException("veil serve never answered /healthz; log:\n" + _veil.Output);
    }

    /// <summary>A stream's status (GET /api/streams/NAME); throws when there is none.</summary>
    public async Task<JsonElement> GetAsync(string name) =>
        JsonDocument.Parse(await Http.GetStringAsync($"/api/streams/{name}")).RootElement.Clone();

    /// <summary>Polls a stream's status until <paramref name="condition"/> holds; fails with the last status and the log.</summary>
    public async Task<JsonElement> WaitForAsync(string name, Func<JsonElement, bool> condition, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JsonElement? last = null;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_veil.HasExited, "veil serve exited: " + _veil.Output);
            try { last = await GetAsync(name); }
            catch (HttpRequestException) { } // not listening yet, or no such stream yet
            if (last is { } s && condition(s)) return s;
            await Task.Delay(300);
        }
        throw new TimeoutException($"stream {name} never got there; last status {last}; log:\n{_veil.Output}");
    }

    public void Dispose() => Http.Dispose();
}

using Veil.Sidecar.Tests.Fixtures;
using Veil.TestSupport;

namespace Veil.Sidecar.Tests.Api;

public sealed class SidecarHostTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("veil-sidecar-host-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Settings_name_every_problem_at_once()
    {
        var settings = new SidecarSettings("https://127.0.0.1:5080/sidecar", "mysql:server=x", "", "same-token-0123456789", "same-token-0123456789");

        var error = Assert.Throws<ArgumentException>(settings.Validate);

        Assert.Contains("Url 'https://127.0.0.1:5080/sidecar' must be http://HOST:PORT", error.Message, StringComparison.Ordinal);
        Assert.Contains("Database must be sqlite:PATH or postgres:", error.Message, StringComparison.Ordinal);
        Assert.Contains("MediaDirectory is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("IngestToken and AdminToken must differ", error.Message, StringComparison.Ordinal);
        Assert.Contains("AdminToken must be at least 16", Assert.Throws<ArgumentException>(
            new SidecarSettings("http://127.0.0.1:0", "sqlite:x.db", "media", TestSidecar.IngestToken, "short").Validate).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_serves_until_cancelled_and_then_returns()
    {
        var port = LoopbackPort.PickFree();
        using var stop = new CancellationTokenSource();
        var settings = new SidecarSettings($"http://127.0.0.1:{port}", "sqlite:" + Path.Combine(_directory, "db", "sidecar.db"),
            Path.Combine(_directory, "media"), TestSidecar.IngestToken, TestSidecar.AdminToken);
        var running = SidecarHost.RunAsync(settings, stop.Token);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        string? health = null;
        for (var attempt = 0; attempt < 100 && health is null && !running.IsCompleted; attempt++)
        {
            try { health = await http.GetStringAsync("/healthz"); }
            catch (HttpRequestException) { await Task.Delay(50); }
        }
        Assert.Equal("ok\n", health);

        stop.Cancel();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(await LoopbackPort.AcceptsAsync(port));
    }
}

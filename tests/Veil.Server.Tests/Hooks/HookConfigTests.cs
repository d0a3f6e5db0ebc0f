using Veil.TestSupport;

namespace Veil.Server.Tests.Hooks;

/// <summary>Hooks that cannot work stop `veil serve` at start, every problem named with its setting.</summary>
public sealed class HookConfigTests
{
    [Fact]
    public async Task Bad_hooks_fail_at_start_naming_every_problem()
    {
        string config = Path.Combine(SharedData.OutDirectory("hooks-config"), "bad-hooks.json");
        File.WriteAllText(config, """
            { "Veil": { "Hooks": [
                { "Url": "ftp://ops.example/veil", "Secret": "a-long-enough-secret" },
                { "Url": "https://ops.example/veil", "Secret": "short", "Events": ["stream.started"] },
                { "Url": "https://ops.example/veil", "Secret": "a-long-enough-secret", "Command": "true", "QueueLimit": 0, "RetryMaxSeconds": 0 },
                { } ] } }
            """);
        var run = await VeilProcess.RunAsync(new Dictionary<string, string> { ["VEIL_HOOK_SECRET"] = "" }, TimeSpan.FromMinutes(1),
            "serve", "--config", config, "--rtmp", "off", "--grpc", "off", "--webrtc", "off", "--classes", "none", "--hook", "http://127.0.0.1:9/x");
        Assert.Equal(1, run.ExitCode);
        foreach (var expected in new[]
        {
            "Veil:Hooks:0:Url 'ftp://ops.example/veil' is not an http:// or https:// URL",
            "Veil:Hooks:1:Secret must be at least 16 characters",
            "Veil:Hooks:1:Events: 'stream.started' is not an event type (one of stream.published, stream.running, stream.failed, stream.stopped, violation)",
            "Veil:Hooks:2: give either Url (a webhook) or Command (a program to start), not both",
            "Veil:Hooks:2:QueueLimit 0 must be between 1 and 1000000",
            "Veil:Hooks:2:RetryMaxSeconds 0 must be between 1 and 3600",
            "Veil:Hooks:3: give either Url (a webhook) or Command (a program to start); Veil:Hooks:4",
            "Veil:Hooks:4:Secret must be at least 16 characters", // --hook without --hook-secret
        })
            Assert.Contains(expected, run.StdErr);
    }
}

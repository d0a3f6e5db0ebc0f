using Microsoft.Playwright;

namespace Veil.Server.Tests.WebRtc;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright, with a fake camera that plays a .y4m file
/// and a fake microphone (a beep): what a phone or laptop publishing from a browser looks like.
/// </summary>
internal sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        _playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    public static async Task<Browser> LaunchAsync(string? cameraY4m = null)
    {
        const string Executable = "/usr/bin/chromium";
        if (!File.Exists(Executable)) throw new InvalidOperationException($"{Executable} is missing: scripts/setup.sh installs Debian's chromium");
        var args = new List<string>
        {
            "--no-sandbox", "--disable-background-networking", "--allow-loopback-in-peer-connection",
            "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required",
        };
        if (cameraY4m is not null) args.Add($"--use-file-for-fake-video-capture={cameraY4m}");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var chromium = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Executable, Headless = true, Args = args });
            return new Browser(playwright, chromium);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Waits until the page's <c>window[name]</c> satisfies a JavaScript predicate on it, e.g. "v => v === 'connected'".</summary>
    public static async Task WaitForAsync(IPage page, string name, string predicate, int seconds = 60)
    {
        try
        {
            await page.WaitForFunctionAsync($"() => ({predicate})(window['{name}'])", null, new() { Timeout = seconds * 1000, PollingInterval = 200 });
        }
        catch (TimeoutException)
        {
            var value = await page.EvaluateAsync<string>($"() => String(window['{name}'])");
            throw new TimeoutException($"{page.Url}: window.{name} is '{value}' after {seconds} s");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }
}

namespace Veil.Sidecar.Tests.Web;

/// <summary>One Chromium for a test class; each test opens its own context (fresh storage).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    internal WebBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync() => Browser = await WebBrowser.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
    }
}

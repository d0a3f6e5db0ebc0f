using Microsoft.Playwright;
using Veil.TestSupport;

namespace Veil.Sidecar.Tests.Web;

/// <summary>
/// One page open in a fresh browser context, recording every request it makes: a page of the
/// sidecar must load everything from the sidecar itself (tiles excepted, and none are configured here).
/// </summary>
internal sealed class PageVisit : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _requests = [];
    private readonly List<string> _errors = [];
    private readonly Uri _origin;

    private PageVisit(IBrowserContext context, IPage page, Uri origin)
    {
        _context = context;
        Page = page;
        _origin = origin;
        page.Request += (_, request) => { lock (_requests) _requests.Add(request.Url); };
        page.PageError += (_, error) => { lock (_errors) _errors.Add(error); };
        page.Console += (_, message) => { if (message.Type == "error") lock (_errors) _errors.Add(message.Text); };
    }

    public IPage Page { get; }

    public static async Task<PageVisit> OpenAsync(WebBrowser browser, Uri origin, string path)
    {
        var context = await browser.Chromium.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, TimezoneId = "UTC" });
        var visit = new PageVisit(context, await context.NewPageAsync(), origin);
        await visit.GoAsync(path);
        return visit;
    }

    /// <summary>Navigates and waits until the page's script says it is ready (body data-state).</summary>
    public async Task GoAsync(string path)
    {
        await Page.GotoAsync(new Uri(_origin, path).ToString());
        await WaitReadyAsync();
    }

    public async Task WaitReadyAsync()
    {
        try
        {
            await Page.WaitForFunctionAsync("() => ['ready', 'error'].includes(document.body.dataset.state)", null, new() { Timeout = 30_000, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            var state = await Page.EvaluateAsync<string?>("() => document.body.dataset.state ?? null");
            var status = await Page.EvaluateAsync<string?>("() => document.getElementById('status')?.textContent ?? document.getElementById('message')?.textContent ?? null");
            throw new TimeoutException($"{Page.Url}: not ready after 30 s (state '{state}', status '{status}', errors: {string.Join(" | ", _errors)})");
        }
        if (await Page.EvaluateAsync<string>("() => document.body.dataset.state") == "error")
            throw new InvalidOperationException($"{Page.Url}: {await Page.EvaluateAsync<string>("() => document.getElementById('status')?.textContent ?? document.getElementById('message').textContent")} (errors: {string.Join(" | ", _errors)})");
    }

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new() { Path = Path.Combine(SharedData.OutDirectory("sidecar-web"), name + ".png"), FullPage = true });

    /// <summary>Every request went to the sidecar (or stayed in the page: data:, blob:), and no script failed.</summary>
    public void AssertSelfContained()
    {
        lock (_requests)
        {
            var foreign = _requests.Where(url => !url.StartsWith(_origin.GetLeftPart(UriPartial.Authority) + "/", StringComparison.Ordinal)
                && !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal)).ToList();
            Assert.True(foreign.Count == 0, "requests outside the sidecar: " + string.Join(", ", foreign));
        }
        lock (_errors) Assert.True(_errors.Count == 0, "page errors: " + string.Join(" | ", _errors));
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}

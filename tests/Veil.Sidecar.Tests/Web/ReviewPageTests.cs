using Veil.Sidecar.Tests.Fixtures;

namespace Veil.Sidecar.Tests.Web;

/// <summary>The review page in Chromium with the admin token: approve, edit, delete and restore, all audited, and the map follows.</summary>
public sealed class ReviewPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_reviewer_approves_a_pending_event_and_the_map_then_shows_it()
    {
        await using var seeded = await SeededSidecar.StartAsync();
        await using var visit = await PageVisit.OpenAsync(browser.Browser, seeded.Sidecar.Instance.Url, "/review.html");
        var page = visit.Page;

        await page.FillAsync("input[name=token]", TestSidecar.AdminToken);
        await page.FillAsync("input[name=actor]", "rita");
        await page.ClickAsync("#sign-in button[type=submit]");
        await visit.WaitReadyAsync();
        Assert.False(await page.Locator("#sign-in").IsVisibleAsync());
        Assert.Equal(["web-p1", "web-p2"], (await IdsAsync(visit, "#queue")).Order());
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#queue img')].every(i => i.complete && i.naturalWidth === 320)");
        await visit.ScreenshotAsync("review");

        var card = page.Locator("#queue article[data-id=web-p2]");
        await card.Locator("input[name=kind]").FillAsync("wrong_way");
        await card.Locator("textarea[name=note]").FillAsync("two riders, checked");
        await card.Locator("button[type=submit]").ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('message').textContent.startsWith('saved web-p2')");
        await visit.WaitReadyAsync();
        await page.Locator("#queue article[data-id=web-p2] button", new() { HasTextString = "Approve" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('message').textContent.startsWith('approve: web-p2')");
        await visit.WaitReadyAsync();
        Assert.Equal(["web-p1"], await IdsAsync(visit, "#queue"));

        var approved = await seeded.Sidecar.GetJsonAsync("/api/events/web-p2", admin: true);
        Assert.Equal(("approved", "wrong_way", "two riders, checked"), ((string)approved["status"]!, (string)approved["kind"]!, (string)approved["note"]!));
        var audit = (await seeded.Sidecar.GetJsonAsync("/api/events/web-p2/audit", admin: true)).AsArray();
        Assert.Equal(["rita", "rita"], audit.TakeLast(2).Select(a => (string)a!["actor"]!));

        // Recycle bin: delete, then restore back to pending.
        await page.Locator("#queue article[data-id=web-p1] button", new() { HasTextString = "Delete" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#bin article[data-id=\"web-p1\"]') !== null");
        await visit.WaitReadyAsync();
        await visit.ScreenshotAsync("review-bin");
        await page.Locator("#bin article[data-id=web-p1] button", new() { HasTextString = "Restore" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#queue article[data-id=\"web-p1\"]') !== null");
        visit.AssertSelfContained();

        await visit.GoAsync("/");
        Assert.Contains("web-p2", await page.EvaluateAsync<string[]>("() => [...veilMap.markers.keys()]"));
        Assert.DoesNotContain("web-p1", await page.EvaluateAsync<string[]>("() => [...veilMap.markers.keys()]"));
        await visit.ScreenshotAsync("map-after-review");
        visit.AssertSelfContained();
    }

    [Fact]
    public async Task A_reviewer_signs_in_with_a_password_and_the_audit_log_names_them()
    {
        await using var seeded = await SeededSidecar.StartAsync();
        var user = new System.Net.Http.StringContent("""{"name":"vera","password":"a long password 123","role":"reviewer"}""", System.Text.Encoding.UTF8, "application/json");
        (await seeded.Sidecar.AdminAsync(HttpMethod.Post, "/api/users", user)).EnsureSuccessStatusCode();
        await using var visit = await PageVisit.OpenAsync(browser.Browser, seeded.Sidecar.Instance.Url, "/review.html");
        var page = visit.Page;

        await page.FillAsync("#log-in input[name=name]", "vera");
        await page.FillAsync("#log-in input[name=password]", "a long password 123");
        await page.ClickAsync("#log-in button[type=submit]");
        await page.WaitForFunctionAsync("() => !document.getElementById('workspace').hidden && document.getElementById('who').textContent === 'vera'");
        await visit.WaitReadyAsync();
        await page.Locator("#queue article[data-id=web-p1] button", new() { HasTextString = "Approve" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('message').textContent.startsWith('approve: web-p1')");
        var audit = (await seeded.Sidecar.GetJsonAsync("/api/events/web-p1/audit", admin: true)).AsArray();
        Assert.Equal("vera", (string)audit.Last()!["actor"]!); // the session's user, not a typed name

        await page.ClickAsync("#sign-out");
        await page.WaitForFunctionAsync("() => !document.getElementById('log-in').hidden");
        Assert.Empty(await page.Context.CookiesAsync()); // logged out: the session cookie is gone
        visit.AssertSelfContained();
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_asked_again()
    {
        await using var seeded = await SeededSidecar.StartAsync();
        await using var visit = await PageVisit.OpenAsync(browser.Browser, seeded.Sidecar.Instance.Url, "/review.html");
        var page = visit.Page;
        await page.FillAsync("input[name=token]", TestSidecar.IngestToken);
        await page.ClickAsync("#sign-in button[type=submit]");
        await page.WaitForFunctionAsync("() => document.body.dataset.state === 'error'");
        Assert.Contains("admin token", await page.InnerTextAsync("#message"));
        Assert.True(await page.Locator("#sign-in").IsVisibleAsync());
        Assert.False(await page.Locator("#workspace").IsVisibleAsync());
    }

    private static Task<string[]> IdsAsync(PageVisit visit, string list) =>
        visit.Page.EvaluateAsync<string[]>($"() => [...document.querySelectorAll('{list} article')].map(a => a.dataset.id)");
}

namespace Veil.Sidecar.Tests.Web;

/// <summary>The event cards in Chromium: the approved events newest first, with their snapshots, grouped on request.</summary>
public sealed class EventsPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Cards_show_the_approved_events_and_group_by_kind()
    {
        await using var seeded = await SeededSidecar.StartAsync();
        await using var visit = await PageVisit.OpenAsync(browser.Browser, seeded.Sidecar.Instance.Url, "/events.html");
        var page = visit.Page;

        var expected = await seeded.Sidecar.AllIdsAsync("");
        Assert.Equal(SeededSidecar.Approved.Select(e => e.Id).Order(), expected.Order());
        Assert.Equal(expected, await CardIdsAsync(visit));
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('article.card img')].every(i => i.complete && i.naturalWidth === 320)");
        Assert.Equal(expected.Count, await page.Locator("article.card img[alt^='Anonymized snapshot']").CountAsync());
        Assert.Contains("Main Street 1", await page.Locator("article.card[data-id=web-a1]").InnerTextAsync());

        await page.SelectOptionAsync("select[name=group]", "kind");
        await visit.WaitReadyAsync();
        Assert.Equal(3, await page.Locator("section.group h2").CountAsync());
        Assert.Contains("group=kind", page.Url);
        await visit.ScreenshotAsync("events");

        await page.FillAsync("input[name=place]", "Harbour");
        await page.PressAsync("input[name=place]", "Enter");
        await visit.WaitReadyAsync();
        Assert.Equal(["web-b1", "web-b2"], (await CardIdsAsync(visit)).Order());
        visit.AssertSelfContained();
    }

    private static Task<string[]> CardIdsAsync(PageVisit visit) =>
        visit.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('article.card')].map(a => a.dataset.id)");
}

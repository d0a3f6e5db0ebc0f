namespace Veil.Sidecar.Tests.Web;

/// <summary>The public map in Chromium: approved events only, clustered, filtered, with snapshot popups.</summary>
public sealed class MapPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Map_shows_every_approved_event_with_a_position_and_nothing_else()
    {
        await using var seeded = await SeededSidecar.StartAsync();
        await using var visit = await PageVisit.OpenAsync(browser.Browser, seeded.Sidecar.Instance.Url, "/");
        var page = visit.Page;

        var expected = SeededSidecar.Approved.Where(e => e.Lat is not null).Select(e => e.Id).Order().ToList();
        Assert.Equal(expected, (await page.EvaluateAsync<string[]>("() => [...veilMap.markers.keys()]")).Order().ToList());
        Assert.Equal(expected.Count, await page.EvaluateAsync<int>("() => veilMap.clusters.getLayers().length"));
        // What is drawn: clusters count their members, single markers count one.
        var drawn = await page.EvaluateAsync<int>("""
            () => [...document.querySelectorAll('.marker-cluster span')].reduce((n, s) => n + Number(s.textContent), 0)
                + document.querySelectorAll('.leaflet-marker-icon:not(.marker-cluster)').length
            """);
        Assert.Equal(expected.Count, drawn);
        Assert.True(await page.Locator(".marker-cluster").CountAsync() > 0, "nearby events should be clustered");
        Assert.Equal(["web-n1"], await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#unplaced li')].map(li => li.dataset.id)"));
        Assert.True(await page.Locator("#no-tiles").IsVisibleAsync());
        await visit.ScreenshotAsync("map");

        await page.EvaluateAsync("""
            () => new Promise(done => {
                const marker = veilMap.markers.get('web-b2');
                veilMap.clusters.zoomToShowLayer(marker, () => { marker.openPopup(); done(); });
            })
            """);
        var image = page.Locator(".leaflet-popup img");
        await image.WaitForAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('.leaflet-popup img'); return i.complete && i.naturalWidth === 320; }");
        await page.WaitForFunctionAsync("() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'"); // faded in
        Assert.Contains("speeding", await image.GetAttributeAsync("alt"));
        Assert.Contains("Harbour Road 7", await page.Locator(".leaflet-popup").InnerTextAsync());
        await visit.ScreenshotAsync("map-popup");
        visit.AssertSelfContained();
    }

    [Fact]
    public async Task Filters_narrow_the_map_and_are_kept_in_the_url()
    {
        await using var seeded = await SeededSidecar.StartAsync();
        await using var visit = await PageVisit.OpenAsync(browser.Browser, seeded.Sidecar.Instance.Url, "/");
        var page = visit.Page;

        await page.SelectOptionAsync("select[name=kind]", "wrong_way");
        await visit.WaitReadyAsync();
        Assert.Contains("kind=wrong_way", page.Url);
        Assert.Equal(["web-a3", "web-b1"], (await page.EvaluateAsync<string[]>("() => [...veilMap.markers.keys()]")).Order().ToArray());

        // The URL alone restores the view.
        await visit.GoAsync("/?kind=tandem_riding&camera=cam-a");
        Assert.Equal("cam-a", await page.InputValueAsync("select[name=camera]"));
        Assert.Equal(["web-a1", "web-a2"], (await page.EvaluateAsync<string[]>("() => [...veilMap.markers.keys()]")).Order().ToArray());
        visit.AssertSelfContained();
    }
}

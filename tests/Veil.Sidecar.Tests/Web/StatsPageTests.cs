using System.Text.Json.Nodes;

namespace Veil.Sidecar.Tests.Web;

/// <summary>The statistics page in Chromium: each chart holds exactly what GET /api/stats answers.</summary>
public sealed class StatsPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Charts_hold_the_api_statistics()
    {
        await using var seeded = await SeededSidecar.StartAsync();
        await using var visit = await PageVisit.OpenAsync(browser.Browser, seeded.Sidecar.Instance.Url, "/stats.html");

        await AssertChartsMatchAsync(visit, seeded, expectedTotal: SeededSidecar.Approved.Count());
        await visit.ScreenshotAsync("stats");

        await visit.Page.SelectOptionAsync("select[name=camera]", "cam-a");
        await visit.WaitReadyAsync();
        await AssertChartsMatchAsync(visit, seeded, expectedTotal: SeededSidecar.Approved.Count(e => e.Camera == "cam-a"));
        visit.AssertSelfContained();
    }

    private static async Task AssertChartsMatchAsync(PageVisit visit, SeededSidecar seeded, int expectedTotal)
    {
        var query = await visit.Page.EvaluateAsync<string>("() => document.body.dataset.query");
        var stats = await seeded.Sidecar.GetJsonAsync("/api/stats?" + query);
        Assert.Equal(expectedTotal, (int)stats["total"]!);
        Assert.Equal(Counts(stats["by_kind"]!), await DataAsync(visit, "kind"));
        Assert.Equal(stats["by_hour"]!.AsArray().Select(n => (long)n!), await DataAsync(visit, "hour"));
        Assert.Equal(stats["by_weekday"]!.AsArray().Select(n => (long)n!), await DataAsync(visit, "weekday"));
        Assert.Equal(Counts(stats["daily"]!), await DataAsync(visit, "daily"));
        Assert.Equal(Counts(stats["by_camera"]!), await DataAsync(visit, "camera"));
        Assert.Equal(stats["daily"]!.AsArray().Select(d => (string)d!["date"]!),
            await visit.Page.EvaluateAsync<string[]>("() => veilCharts.daily.data.labels"));
        Assert.Equal(7, (await visit.Page.EvaluateAsync<string[]>("() => veilCharts.weekday.data.labels")).Length);
        Assert.Equal(5, await visit.Page.Locator("canvas[role=img][aria-label]").CountAsync());
    }

    private static IEnumerable<long> Counts(JsonNode list) => list.AsArray().Select(n => (long)n!["count"]!);

    private static Task<long[]> DataAsync(PageVisit visit, string chart) =>
        visit.Page.EvaluateAsync<long[]>($"() => veilCharts.{chart}.data.datasets[0].data");
}

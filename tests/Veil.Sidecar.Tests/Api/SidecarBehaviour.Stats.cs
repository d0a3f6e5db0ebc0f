using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Veil.Sidecar.Tests.Fixtures;

namespace Veil.Sidecar.Tests.Api;

public abstract partial class SidecarBehaviour
{
    [Theory]
    [InlineData("", 0, "status = 'approved'")]
    [InlineData("tz=%2B02:00", 2, "status = 'approved'")]
    [InlineData("tz=-05:00&camera=cam-a", -5, "status = 'approved' AND camera = 'cam-a'")]
    [InlineData("from=2025-06-04&to=2025-06-12&kind=speeding&tz=%2B03:00", 3,
        "status = 'approved' AND kind = 'speeding' AND occurred_at >= 1748995200000 AND occurred_at < 1749686400000")]
    public async Task Statistics_agree_with_counts_made_independently_in_sql(string query, int offsetHours, string where)
    {
        await Sidecar.AdminAsync(HttpMethod.Put, "/api/cameras", new StringContent(Dataset.CameraRows, Encoding.UTF8, "application/json"));
        await Sidecar.SeedAsync(Dataset.Make(150, seed: 3).Select(i => i.ArchiveLine()));
        var stats = await Sidecar.GetJsonAsync("/api/stats?" + query);

        async Task<Dictionary<string, long>> Sql(string key) => await GroupCountsAsync(Sidecar.Database, $"SELECT {key}, COUNT(*) FROM events WHERE {where} GROUP BY 1");
        Assert.Equal(await ScalarAsync(Sidecar.Database, "SELECT COUNT(*) FROM events WHERE " + where), (long)stats["total"]!);
        Assert.Equal(Sorted(await Sql("kind")), Sorted(stats["by_kind"]!.AsArray().ToDictionary(k => (string)k!["kind"]!, k => (long)k!["count"]!)));
        Assert.Equal(Sorted(await Sql("camera")), Sorted(stats["by_camera"]!.AsArray().ToDictionary(k => (string)k!["camera"]!, k => (long)k!["count"]!)));
        var addresses = new Dictionary<string, string?> { ["cam-a"] = "Main Street 1, Springfield", ["cam-b"] = "Harbour Road 7, Shelbyville", ["cam-c"] = null };
        Assert.All(stats["by_camera"]!.AsArray(), c => Assert.Equal(addresses[(string)c!["camera"]!], (string?)c["address"]));

        var hours = (await Sql(HourSql(offsetHours))).ToDictionary(h => int.Parse(h.Key, CultureInfo.InvariantCulture), h => h.Value);
        Assert.Equal(Enumerable.Range(0, 24).Select(h => hours.GetValueOrDefault(h)), stats["by_hour"]!.AsArray().Select(n => (long)n!));
        var weekdays = (await Sql(DayOfWeekSql(offsetHours))).ToDictionary(d => (int.Parse(d.Key, CultureInfo.InvariantCulture) + 6) % 7, d => d.Value); // Monday first
        Assert.Equal(Enumerable.Range(0, 7).Select(d => weekdays.GetValueOrDefault(d)), stats["by_weekday"]!.AsArray().Select(n => (long)n!));
        var days = await Sql(DateSql(offsetHours));
        var daily = stats["daily"]!.AsArray().ToDictionary(d => (string)d!["date"]!, d => (long)d!["count"]!);
        Assert.Equal(Sorted(days), Sorted(daily.Where(d => d.Value > 0).ToDictionary()));
        if (query.Contains("from=", StringComparison.Ordinal)) Assert.Equal(9, daily.Count); // every day of the range, zeros included
        Assert.True((long)stats["total"]! > 0, "the filter selects something");
    }

    [Fact]
    public async Task Statistics_carry_cache_validators_answer_304_and_change_after_a_review()
    {
        await Sidecar.SeedAsync(Dataset.Make(20, seed: 4).Select(i => i.ArchiveLine()));
        using var first = await Sidecar.SendAsync(HttpMethod.Get, "/api/stats");
        var etag = first.Headers.ETag!;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl is { Public: true, MaxAge.TotalSeconds: 30 }, first.Headers.CacheControl?.ToString());
        Assert.Equal(new DateTimeOffset(2025, 6, 10, 0, 0, 0, TimeSpan.Zero), first.Content.Headers.LastModified);
        var total = (long)JsonNode.Parse(await first.Content.ReadAsStringAsync())!["total"]!;

        var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/stats");
        conditional.Headers.IfNoneMatch.Add(etag);
        using (var notModified = await Sidecar.Http.SendAsync(conditional))
        {
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
            Assert.Equal(etag, notModified.Headers.ETag);
        }

        await Sidecar.PostEventAsync(Samples.Event("late"));
        await Sidecar.AdminAsync(HttpMethod.Post, "/api/events/late/approve");
        var again = new HttpRequestMessage(HttpMethod.Get, "/api/stats");
        again.Headers.IfNoneMatch.Add(etag);
        using var changed = await Sidecar.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Equal(total + 1, (long)JsonNode.Parse(await changed.Content.ReadAsStringAsync())!["total"]!);
        Assert.True(changed.Content.Headers.LastModified > DateTimeOffset.UtcNow.AddMinutes(-1));

        using var admin = await Sidecar.AdminAsync(HttpMethod.Get, "/api/stats?status=pending");
        Assert.True(admin.Headers.CacheControl is { Private: true, Public: false }, "an answer to a request with credentials is never public");
    }

    private static List<KeyValuePair<string, long>> Sorted(Dictionary<string, long> counts) =>
        counts.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
}

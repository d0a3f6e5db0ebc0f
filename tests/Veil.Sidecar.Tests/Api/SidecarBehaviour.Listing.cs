using System.Net;
using System.Text;
using Veil.Sidecar.Tests.Fixtures;

namespace Veil.Sidecar.Tests.Api;

public abstract partial class SidecarBehaviour
{
    [Fact]
    public async Task Listings_filter_by_camera_kind_time_box_place_and_status_newest_first()
    {
        var items = Dataset.Make(90, seed: 1);
        await Sidecar.AdminAsync(HttpMethod.Put, "/api/cameras", new StringContent(Dataset.CameraRows, Encoding.UTF8, "application/json"));
        await Sidecar.SeedAsync(items.Select(i => i.ArchiveLine()));
        var approved = items.Where(i => i.Status == "approved").ToList();
        var from = Samples.Monday.AddDays(3);
        var to = Samples.Monday.AddDays(9);

        Assert.Equal(Dataset.Ordered(approved), await Sidecar.AllIdsAsync(""));
        Assert.Equal(Dataset.Ordered(approved), await Sidecar.AllIdsAsync("status=pending")); // the public cannot ask for more
        Assert.Equal(Dataset.Ordered(approved.Where(i => i.Camera == "cam-b")), await Sidecar.AllIdsAsync("camera=cam-b"));
        Assert.Equal(Dataset.Ordered(approved.Where(i => i.Kind == "wrong_way")), await Sidecar.AllIdsAsync("kind=wrong_way"));
        Assert.Equal(Dataset.Ordered(approved.Where(i => i.Time >= from && i.Time < to)),
            await Sidecar.AllIdsAsync("from=2025-06-05&to=" + Uri.EscapeDataString("2025-06-11T00:00:00Z")));
        Assert.Equal(Dataset.Ordered(approved.Where(i => i.Lat is >= 52.52 and <= 52.56 && i.Lon is >= 13.35 and <= 13.45)),
            await Sidecar.AllIdsAsync("bbox=13.35,52.52,13.45,52.56"));
        Assert.Equal(Dataset.Ordered(approved.Where(i => i.Camera == "cam-b")), await Sidecar.AllIdsAsync("place=HARBOUR"));
        Assert.Empty(await Sidecar.AllIdsAsync("place=" + Uri.EscapeDataString("%")));
        Assert.Equal(Dataset.Ordered(approved.Where(i => i.Camera == "cam-a" && i.Kind == "speeding" && i.Time >= from)),
            await Sidecar.AllIdsAsync("camera=cam-a&kind=speeding&from=2025-06-05"));
        Assert.Equal(Dataset.Ordered(items.Where(i => i.Status is "pending" or "rejected")), await Sidecar.AllIdsAsync("status=pending,rejected", admin: true));
        Assert.Equal(Dataset.Ordered(items), await Sidecar.AllIdsAsync("status=all", admin: true));
    }

    [Fact]
    public async Task Pages_follow_each_other_without_gaps_or_repeats_even_when_events_arrive_between_them()
    {
        var items = Dataset.Make(60, seed: 2).Select(i => i with { Status = "approved" }).ToList();
        await Sidecar.SeedAsync(items.Select(i => i.ArchiveLine()));

        Assert.Equal(Dataset.Ordered(items), await Sidecar.AllIdsAsync("", limit: 7));

        var first = await Sidecar.GetJsonAsync("/api/events?limit=10");
        var cursor = (string)first["next_cursor"]!;
        var newest = new Dataset.Item("newest", "cam-a", "speeding", Samples.Monday.AddDays(20), null, null, "approved");
        await Sidecar.SeedAsync([newest.ArchiveLine()]);
        var rest = new List<string>();
        while (cursor is not null)
        {
            var page = await Sidecar.GetJsonAsync("/api/events?limit=10&cursor=" + Uri.EscapeDataString(cursor));
            rest.AddRange(page["events"]!.AsArray().Select(e => (string)e!["id"]!));
            cursor = (string?)page["next_cursor"]!;
        }
        Assert.Equal(Dataset.Ordered(items).Skip(10), rest);
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(await Sidecar.SendAsync(HttpMethod.Get, "/api/events?limit=500"))).Status);
    }

    [Fact]
    public async Task A_second_sidecar_on_the_same_database_finds_the_schema_migrated()
    {
        await Sidecar.PostEventAsync(Samples.Event("kept"));
        await using (var again = await TestSidecar.StartAsync(Sidecar.Database, Path.Combine(_directory, "media2")))
        {
            Assert.Equal(["kept"], await again.AllIdsAsync("status=pending", admin: true));
        }
        Assert.Equal(1, await ScalarAsync(Sidecar.Database, "SELECT COUNT(*) FROM schema_migrations WHERE version = 1"));
        Assert.Equal(Store.SchemaMigrations.All.Count, await ScalarAsync(Sidecar.Database, "SELECT COUNT(*) FROM schema_migrations"));
    }
}

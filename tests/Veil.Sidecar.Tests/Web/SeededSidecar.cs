using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Veil.Sidecar.Tests.Fixtures;
using Veil.TestSupport;

namespace Veil.Sidecar.Tests.Web;

/// <summary>
/// A sidecar on SQLite with events ingested through the API, each with a real JPEG snapshot made
/// by ffmpeg: approved ones with and without a position, pending ones and a rejected one.
/// </summary>
internal sealed class SeededSidecar : IAsyncDisposable
{
    public sealed record Seed(string Id, string Camera, string Kind, double? Lat, double? Lon, string Status);

    public static readonly Seed[] Events =
    [
        new("web-a1", "cam-a", "tandem_riding", 52.5201, 13.4050, "approved"),
        new("web-a2", "cam-a", "tandem_riding", 52.5203, 13.4052, "approved"),
        new("web-a3", "cam-a", "wrong_way", 52.5202, 13.4049, "approved"),
        new("web-b1", "cam-b", "wrong_way", 52.5301, 13.3801, "approved"),
        new("web-b2", "cam-b", "speeding", 52.5302, 13.3803, "approved"),
        new("web-c1", "cam-c", "speeding", 52.5001, 13.4501, "approved"),
        new("web-n1", "cam-c", "tandem_riding", null, null, "approved"),
        new("web-p1", "cam-a", "speeding", 52.5150, 13.4100, "pending"),
        new("web-p2", "cam-b", "tandem_riding", 52.5250, 13.3900, "pending"),
        new("web-r1", "cam-b", "wrong_way", 52.5260, 13.3910, "rejected"),
    ];

    private readonly string _directory;

    private SeededSidecar(TestSidecar sidecar, string directory)
    {
        Sidecar = sidecar;
        _directory = directory;
    }

    public TestSidecar Sidecar { get; }

    public static IEnumerable<Seed> Approved => Events.Where(e => e.Status == "approved");

    public static async Task<SeededSidecar> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("veil-sidecar-web-").FullName;
        var sidecar = await TestSidecar.StartAsync("sqlite:" + Path.Combine(directory, "sidecar.db"), Path.Combine(directory, "media"));
        var seeded = new SeededSidecar(sidecar, directory);
        try
        {
            await seeded.SeedAsync();
            return seeded;
        }
        catch
        {
            await seeded.DisposeAsync();
            throw;
        }
    }

    private async Task SeedAsync()
    {
        using (var cameras = await Sidecar.AdminAsync(HttpMethod.Put, "/api/cameras", JsonContent.Create(new[]
        {
            new { name = "cam-a", address = "Main Street 1, Springfield" },
            new { name = "cam-b", address = "Harbour Road 7, Shelbyville" },
        })))
        {
            Assert.True(cameras.IsSuccessStatusCode, $"PUT /api/cameras: {(int)cameras.StatusCode}");
        }

        var snapshots = await SnapshotsAsync(Events.Length);
        for (var i = 0; i < Events.Length; i++)
        {
            var seed = Events[i];
            var json = Samples.Event(seed.Id, seed.Camera, seed.Kind, Samples.Monday.AddHours(7 + 5 * i).AddMinutes(13 * i), seed.Lat, seed.Lon);
            using (var posted = await Sidecar.PostEventAsync(json, snapshots[i]))
                Assert.True(posted.IsSuccessStatusCode, $"POST {seed.Id}: {(int)posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");
            var action = seed.Status switch { "approved" => "approve", "rejected" => "reject", _ => null };
            if (action is null) continue;
            using var reviewed = await Sidecar.AdminAsync(HttpMethod.Post, $"/api/events/{seed.Id}/{action}");
            Assert.True(reviewed.IsSuccessStatusCode, $"{action} {seed.Id}: {(int)reviewed.StatusCode}");
        }
    }

    /// <summary>Distinct JPEGs: frames one second apart of ffmpeg's moving test pattern.</summary>
    private async Task<byte[][]> SnapshotsAsync(int count)
    {
        var pattern = Path.Combine(_directory, "snapshot-%02d.jpg");
        (await FfTools.RunFfmpegAsync(["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=1", "-frames:v", count.ToString(), "-q:v", "5", pattern]))
            .EnsureSuccess();
        return Enumerable.Range(1, count).Select(i => File.ReadAllBytes(Path.Combine(_directory, $"snapshot-{i:D2}.jpg"))).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await Sidecar.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }
}

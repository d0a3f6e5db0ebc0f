using System.Text.Json.Nodes;

namespace Veil.Sidecar.Tests.Fixtures;

/// <summary>
/// A seeded, reproducible spread of events over two weeks: three cameras (one without a camera row),
/// three kinds, every status, half with a position, and every fifth sharing its time with the one
/// before (ties that only the id orders).
/// </summary>
internal static class Dataset
{
    public static readonly string[] Cameras = ["cam-a", "cam-b", "cam-c"];
    public static readonly string[] Kinds = ["tandem_riding", "wrong_way", "speeding"];
    private static readonly string[] Statuses = ["approved", "approved", "approved", "pending", "rejected", "deleted"];

    public const string CameraRows = """
        [{"name":"cam-a","address":"Main Street 1, Springfield"},{"name":"cam-b","address":"Harbour Road 7, Shelbyville"}]
        """;

    public sealed record Item(string Id, string Camera, string Kind, DateTimeOffset Time, double? Lat, double? Lon, string Status)
    {
        public JsonObject ArchiveLine() => Samples.ArchiveLine(Samples.Event(Id, Camera, Kind, Time, Lat, Lon), Status);
    }

    public static List<Item> Make(int count, int seed)
    {
        var random = new Random(seed);
        var items = new List<Item>();
        for (var i = 0; i < count; i++)
        {
            var time = i % 5 == 4 ? items[^1].Time : Samples.Monday.AddMinutes(random.Next(0, 14 * 24 * 60)).AddMilliseconds(random.Next(1000));
            var placed = random.Next(2) == 0;
            items.Add(new Item(
                $"ev-{random.Next(100_000):D5}-{i}",
                Cameras[random.Next(Cameras.Length)],
                Kinds[random.Next(Kinds.Length)],
                time,
                placed ? 52.50 + random.NextDouble() * 0.1 : null,
                placed ? 13.30 + random.NextDouble() * 0.2 : null,
                Statuses[random.Next(Statuses.Length)]));
        }
        return items;
    }

    /// <summary>Ids in the API's order: newest first, then by id (ordinal).</summary>
    public static List<string> Ordered(IEnumerable<Item> items) =>
        items.OrderByDescending(i => i.Time).ThenBy(i => i.Id, StringComparer.Ordinal).Select(i => i.Id).ToList();
}

using Veil.Violations.Events;

namespace Veil.Violations.Tests.Events;

public sealed class EventIdTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 2, 8, 30, 1, 400, TimeSpan.Zero);

    private static string Id(string camera = "cam-1", string kind = "tandem-riding", long[]? tracks = null, DateTimeOffset? start = null) =>
        EventId.Compute(camera, kind, tracks ?? [4, 9, 12], start ?? Start);

    [Fact]
    public void TheSameEpisodeHasTheSameId()
    {
        Assert.Equal(Id(), Id());
        Assert.Equal(Id(), Id(tracks: [12, 4, 9])); // order of the tracks does not matter
        Assert.Equal(Id(), Id(start: Start.ToOffset(TimeSpan.FromHours(2)))); // nor the offset the time is written in
        Assert.Equal(Id(), Id(start: Start.AddTicks(4_000))); // 0.4 ms later rounds to the same millisecond
    }

    [Fact]
    public void AnyDifferenceGivesADifferentId()
    {
        string[] ids =
        [
            Id(), Id(tracks: [4, 9, 13]), Id(tracks: [4, 9]), Id(camera: "cam-2"), Id(kind: "speeding"),
            Id(start: Start.AddMilliseconds(1)), Id(start: Start.AddTicks(-6_000)), // 0.6 ms earlier rounds down a millisecond
        ];

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void FieldsCannotShiftIntoEachOther()
    {
        Assert.NotEqual(EventId.Compute("a|b", "c", [1], Start), EventId.Compute("a", "b|c", [1], Start));
    }

    [Fact]
    public void IdsAre32LowercaseHexDigitsAndPinned()
    {
        string id = Id();

        Assert.Matches("^[0-9a-f]{32}$", id);
        // Stored ids must never change meaning: the outbox and the sidecar deduplicate by them across versions.
        Assert.Equal(PinnedId, id);
    }

    private const string PinnedId = "fff93b470e2ae6fa14bc7b313c2dc4cf";
}

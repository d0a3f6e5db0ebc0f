using Veil.Violations.Outbox;

namespace Veil.Violations.Tests.Outbox;

/// <summary>Events for outbox tests: a JSON payload carrying the id, a small snapshot and a larger clip of seeded random bytes.</summary>
internal static class TestEntries
{
    public static OutboxEntry Create(string id, int clipBytes = 4096, DateTimeOffset? createdAt = null)
    {
        var seed = id.Aggregate(17, (hash, c) => unchecked(hash * 31 + c));
        var snapshot = new byte[512];
        var clip = new byte[clipBytes];
        new Random(seed).NextBytes(snapshot);
        new Random(~seed).NextBytes(clip);
        var payload = $$"""{"id":"{{id}}","camera":"cam-1","kind":"tandem_riding","confidence":0.9}""";
        return new OutboxEntry(id, "tandem_riding", payload,
            [new OutboxAttachment("snapshot", "image/jpeg", snapshot), new OutboxAttachment("clip", "video/mp4", clip)],
            createdAt ?? DateTimeOffset.UtcNow);
    }

    /// <summary>Entries whose creation times increase with their number, so delivery order is theirs.</summary>
    public static List<OutboxEntry> Sequence(string prefix, int count, int clipBytes = 4096)
    {
        var start = DateTimeOffset.UtcNow;
        return Enumerable.Range(0, count)
            .Select(i => Create($"{prefix}-{i:D4}", clipBytes, start.AddMilliseconds(i)))
            .ToList();
    }
}

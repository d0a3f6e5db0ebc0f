using Veil.Violations.Outbox;

namespace Veil.Violations.Tests.Outbox;

public sealed class EventOutboxLimitTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_default_limits_are_ten_thousand_entries_and_two_gibibytes()
    {
        using var outbox = EventOutbox.Open(_directory.Path);
        Assert.Equal(new OutboxLimits(10_000, 2L * 1024 * 1024 * 1024), outbox.Limits);
    }

    [Fact]
    public void A_full_outbox_refuses_with_a_clear_error_counts_it_and_keeps_what_it_holds()
    {
        using var outbox = EventOutbox.Open(_directory.Path, new OutboxLimits(MaxEntries: 3));
        var entries = TestEntries.Sequence("cap", 4);
        for (var i = 0; i < 3; i++) Assert.True(outbox.Enqueue(entries[i]));

        var refused = Assert.Throws<OutboxFullException>(() => outbox.Enqueue(entries[3]));

        Assert.Contains("outbox is full", refused.Message);
        Assert.Contains("3 of 3 entries", refused.Message);
        Assert.Contains(entries[3].Id, refused.Message);
        Assert.Equal((entries[3].Id, 3), (refused.EntryId, refused.PendingEntries));
        Assert.Equal(1, outbox.RefusedCount);
        Assert.Equal(entries.Take(3).Select(e => e.Id), OutboxAssert.PeekAll(outbox).Select(e => e.Id));
        // A repeat of a queued id is still the no-op it always is, not a refusal.
        Assert.False(outbox.Enqueue(entries[0]));
        Assert.Equal(1, outbox.RefusedCount);

        outbox.MarkDelivered([entries[0].Id]);
        Assert.True(outbox.Enqueue(entries[3]));
    }

    [Fact]
    public void The_byte_limit_counts_payloads_and_attachments()
    {
        var first = TestEntries.Create("bytes-1", clipBytes: 4000);
        var entrySize = first.JsonPayload.Length + first.Attachments.Sum(a => a.Bytes.Length);
        using var outbox = EventOutbox.Open(_directory.Path, new OutboxLimits(MaxEntries: 100, MaxBytes: 2 * entrySize + 10));

        Assert.True(outbox.Enqueue(first));
        Assert.True(outbox.Enqueue(TestEntries.Create("bytes-2", clipBytes: 4000)));
        Assert.Equal(2 * entrySize, outbox.PendingBytes);
        var refused = Assert.Throws<OutboxFullException>(() => outbox.Enqueue(TestEntries.Create("bytes-3", clipBytes: 4000)));

        Assert.Equal(2 * entrySize, refused.PendingBytes);
        Assert.Equal(entrySize, refused.EntryBytes);
        Assert.Equal(2, outbox.Pending);
    }

    [Fact]
    public void An_entry_larger_than_the_whole_outbox_is_refused_even_when_empty()
    {
        using var outbox = EventOutbox.Open(_directory.Path, new OutboxLimits(MaxBytes: 10_000));
        Assert.Throws<OutboxFullException>(() => outbox.Enqueue(TestEntries.Create("huge", clipBytes: 20_000)));
        Assert.Equal(0, outbox.Pending);
    }

    [Fact]
    public void Limits_that_could_hold_nothing_are_refused_at_open()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EventOutbox.Open(_directory.Path, new OutboxLimits(MaxEntries: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => EventOutbox.Open(_directory.Path, new OutboxLimits(MaxBytes: 0)));
    }
}

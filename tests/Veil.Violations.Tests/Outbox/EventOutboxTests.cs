using Veil.Violations.Outbox;

namespace Veil.Violations.Tests.Outbox;

public sealed class EventOutboxTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Enqueued_entries_come_back_oldest_first_with_their_attachments()
    {
        using var outbox = EventOutbox.Open(_directory.Path);
        var now = DateTimeOffset.UtcNow;
        var late = TestEntries.Create("late", createdAt: now.AddSeconds(2));
        var early = TestEntries.Create("early", clipBytes: 300_000, createdAt: now);
        var middle = TestEntries.Create("middle", createdAt: now.AddSeconds(1));

        Assert.True(outbox.Enqueue(late));
        Assert.True(outbox.Enqueue(early));
        Assert.True(outbox.Enqueue(middle));

        Assert.Equal(3, outbox.Pending);
        Assert.True(outbox.TryPeekBatch(2, out var batch));
        Assert.Equal(2, batch.Count);
        OutboxAssert.SameEntry(early, batch[0]);
        OutboxAssert.SameEntry(middle, batch[1]);
        Assert.Equal(3, outbox.Pending); // peeking removes nothing
    }

    [Fact]
    public void Enqueuing_the_same_id_twice_stores_it_once()
    {
        using var outbox = EventOutbox.Open(_directory.Path);
        var entry = TestEntries.Create("same");

        Assert.True(outbox.Enqueue(entry));
        Assert.False(outbox.Enqueue(entry with { CreatedAt = entry.CreatedAt.AddMinutes(1) }));

        Assert.Equal(1, outbox.Pending);
        OutboxAssert.SameEntry(entry, Assert.Single(OutboxAssert.PeekAll(outbox)));
    }

    [Fact]
    public void Delivered_entries_leave_the_queue_and_their_bytes_with_them()
    {
        using var outbox = EventOutbox.Open(_directory.Path);
        var entries = TestEntries.Sequence("d", 4);
        foreach (var e in entries) outbox.Enqueue(e);
        var bytesBefore = outbox.PendingBytes;

        Assert.Equal(2, outbox.MarkDelivered([entries[0].Id, entries[2].Id, "never-queued"]));

        Assert.Equal(2, outbox.Pending);
        Assert.True(outbox.PendingBytes < bytesBefore);
        Assert.Equal([entries[1].Id, entries[3].Id], OutboxAssert.PeekAll(outbox).Select(e => e.Id));
    }

    [Fact]
    public void A_dead_lettered_entry_leaves_the_queue_keeps_its_reason_and_its_id_stays_taken()
    {
        using var outbox = EventOutbox.Open(_directory.Path);
        var entry = TestEntries.Create("bad");
        outbox.Enqueue(entry);

        Assert.True(outbox.DeadLetter("bad", "HTTP 400: no camera"));
        Assert.False(outbox.DeadLetter("bad", "again"));

        Assert.Equal(0, outbox.Pending);
        Assert.Equal(0, outbox.PendingBytes);
        var letter = Assert.Single(outbox.ListDeadLetters(10));
        Assert.Equal(("bad", "tandem_riding", entry.JsonPayload, "HTTP 400: no camera"), (letter.Id, letter.Kind, letter.JsonPayload, letter.Reason));
        Assert.Equal(entry.CreatedAt.UtcTicks, letter.CreatedAt.UtcTicks);
        Assert.False(outbox.Enqueue(entry)); // a rule re-emitting the same bad event does not loop it through the sidecar
        Assert.Equal(1, outbox.DeadLetterCount);
    }

    [Fact]
    public void An_instance_left_open_as_after_a_crash_does_not_keep_a_second_one_from_reading_everything()
    {
        var entries = TestEntries.Sequence("reopen", 20, clipBytes: 50_000);
        var first = EventOutbox.Open(_directory.Path);
        try
        {
            foreach (var e in entries) first.Enqueue(e);

            // The first instance is never disposed before the second opens: its connections stay as a crash leaves them.
            using var second = EventOutbox.Open(_directory.Path);
            Assert.Equal(20, second.Pending);
            var found = OutboxAssert.PeekAll(second);
            Assert.Equal(20, found.Count);
            for (var i = 0; i < entries.Count; i++) OutboxAssert.SameEntry(entries[i], found[i]);

            second.MarkDelivered(entries.Take(5).Select(e => e.Id));
            Assert.Equal(15, first.Pending); // one file, seen by both
        }
        finally
        {
            first.Dispose();
        }
    }

    [Fact]
    public void Entries_survive_closing_and_reopening()
    {
        var entries = TestEntries.Sequence("persist", 3);
        using (var outbox = EventOutbox.Open(_directory.Path))
        {
            foreach (var e in entries) outbox.Enqueue(e);
            outbox.Enqueue(TestEntries.Create("doomed"));
            outbox.DeadLetter("doomed", "HTTP 422");
        }

        using var reopened = EventOutbox.Open(_directory.Path);
        var found = OutboxAssert.PeekAll(reopened);
        Assert.Equal(3, found.Count);
        for (var i = 0; i < 3; i++) OutboxAssert.SameEntry(entries[i], found[i]);
        Assert.Equal("HTTP 422", Assert.Single(reopened.ListDeadLetters(5)).Reason);
    }

    [Fact]
    public void Operations_on_a_disposed_outbox_say_so()
    {
        var outbox = EventOutbox.Open(_directory.Path);
        outbox.Dispose();
        outbox.Dispose();

        Assert.Throws<ObjectDisposedException>(() => outbox.Enqueue(TestEntries.Create("late")));
        Assert.Throws<ObjectDisposedException>(() => outbox.Pending);
    }
}

using Veil.Violations.Outbox;
using Veil.TestSupport;

namespace Veil.Violations.Tests.Outbox;

public sealed class OutboxDelivererTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Every_entry_arrives_exactly_once_with_its_attachments_byte_identical()
    {
        await using var fixture = new DeliveryFixture();
        await using var receiver = await SidecarReceiver.StartAsync();
        var entries = TestEntries.Sequence("all", 40);
        entries[7] = TestEntries.Create("all-big", clipBytes: 3 * 1024 * 1024, createdAt: entries[7].CreatedAt);
        foreach (var e in entries.Take(20)) fixture.Outbox.Enqueue(e);

        var deliverer = fixture.StartDeliverer(receiver.BaseUrl);
        foreach (var e in entries.Skip(20)) fixture.Outbox.Enqueue(e); // while it delivers

        await Poll.UntilAsync(() => receiver.Stored.Count == 40 && fixture.Outbox.Pending == 0, Patience, () => fixture.Describe(receiver));
        foreach (var e in entries)
        {
            OutboxAssert.Received(e, receiver.Stored[e.Id]);
            Assert.Equal(1, receiver.RequestsFor(e.Id));
        }
        Assert.Equal(entries.Select(e => e.Id), receiver.StoreOrder);
        var stats = deliverer.Stats;
        Assert.Equal((0, 40L, 0L, 0, (string?)null), (stats.Pending, stats.Delivered, stats.DeadLettered, stats.ConsecutiveFailures, stats.LastError));
        Assert.NotNull(stats.LastSuccessAt);
        Assert.Equal(40, fixture.NoticesOf(DeliveryNoticeKind.Delivered));
    }

    [Fact]
    public async Task Entries_pile_up_while_the_sidecar_is_down_and_all_arrive_in_order_when_it_comes()
    {
        await using var fixture = new DeliveryFixture();
        var port = LoopbackPort.PickFree(); // nothing listens there yet: connections are refused
        var deliverer = fixture.StartDeliverer(new Uri($"http://127.0.0.1:{port}/"));
        var entries = TestEntries.Sequence("down", 30);
        foreach (var e in entries) fixture.Outbox.Enqueue(e);

        await Poll.UntilAsync(() => deliverer.Stats.ConsecutiveFailures >= 3, Patience, () => fixture.Describe());
        Assert.Equal(30, fixture.Outbox.Pending);
        Assert.Contains("cannot reach the sidecar", deliverer.Stats.LastError);
        Assert.Null(deliverer.Stats.LastSuccessAt);

        await using var receiver = await SidecarReceiver.StartAsync(port);
        await Poll.UntilAsync(() => receiver.Stored.Count == 30 && fixture.Outbox.Pending == 0, Patience, () => fixture.Describe(receiver));

        Assert.Equal(entries.Select(e => e.Id), receiver.StoreOrder);
        Assert.All(entries, e => Assert.Equal(1, receiver.RequestsFor(e.Id)));
        Assert.Equal(0, deliverer.Stats.ConsecutiveFailures);
        Assert.Equal(1, fixture.NoticesOf(DeliveryNoticeKind.Recovered));
        Assert.True(fixture.NoticesOf(DeliveryNoticeKind.Retrying) >= 3);
    }

    [Theory]
    [InlineData(ReceiverAnswer.Fail)]
    [InlineData(ReceiverAnswer.StoreThenFail)]
    public async Task Server_errors_are_retried_until_acknowledged_and_later_entries_wait_their_turn(ReceiverAnswer firstTwoAnswers)
    {
        await using var fixture = new DeliveryFixture();
        var entries = TestEntries.Sequence("retry", 5);
        await using var receiver = await SidecarReceiver.StartAsync(answer: (id, attempt) =>
            id == entries[0].Id && attempt <= 2 ? firstTwoAnswers : ReceiverAnswer.Store);
        foreach (var e in entries) fixture.Outbox.Enqueue(e);

        var deliverer = fixture.StartDeliverer(receiver.BaseUrl);

        await Poll.UntilAsync(() => fixture.Outbox.Pending == 0 && receiver.Stored.Count == 5, Patience, () => fixture.Describe(receiver));
        Assert.Equal(3, receiver.RequestsFor(entries[0].Id)); // two 500s, then acknowledged (201, or 200 for the copy it already had)
        Assert.All(entries.Skip(1), e => Assert.Equal(1, receiver.RequestsFor(e.Id)));
        Assert.Equal(entries.Select(e => e.Id), receiver.StoreOrder);
        Assert.All(entries, e => OutboxAssert.Received(e, receiver.Stored[e.Id]));
        Assert.Equal(2, fixture.NoticesOf(DeliveryNoticeKind.Retrying));
        Assert.Contains("HTTP 500", fixture.Notices.First(n => n.Kind == DeliveryNoticeKind.Retrying).Message);
        Assert.Equal(5, deliverer.Stats.Delivered);
    }

    [Fact]
    public async Task A_refused_event_is_dead_lettered_with_the_reason_and_the_next_ones_still_flow()
    {
        await using var fixture = new DeliveryFixture();
        var entries = TestEntries.Sequence("reject", 4);
        var bad = entries[1].Id;
        await using var receiver = await SidecarReceiver.StartAsync(answer: (id, _) => id == bad ? ReceiverAnswer.Reject : ReceiverAnswer.Store);
        foreach (var e in entries) fixture.Outbox.Enqueue(e);

        var deliverer = fixture.StartDeliverer(receiver.BaseUrl);

        await Poll.UntilAsync(() => fixture.Outbox.Pending == 0 && receiver.Stored.Count == 3, Patience, () => fixture.Describe(receiver));
        Assert.Equal([entries[0].Id, entries[2].Id, entries[3].Id], receiver.StoreOrder);
        Assert.Equal(1, receiver.RequestsFor(bad));
        var letter = Assert.Single(fixture.Outbox.ListDeadLetters(10));
        Assert.Equal(bad, letter.Id);
        Assert.Contains("HTTP 400", letter.Reason);
        Assert.Contains($"event {bad} has no camera", letter.Reason);
        Assert.Equal((1L, 3L), (deliverer.Stats.DeadLettered, deliverer.Stats.Delivered));
        Assert.Equal(bad, Assert.Single(fixture.Notices, n => n.Kind == DeliveryNoticeKind.DeadLettered).EntryId);
    }

    [Fact]
    public async Task A_refused_token_is_retried_not_dead_lettered()
    {
        await using var fixture = new DeliveryFixture();
        await using var receiver = await SidecarReceiver.StartAsync();
        fixture.Outbox.Enqueue(TestEntries.Create("token-1"));

        var deliverer = fixture.StartDeliverer(receiver.BaseUrl, token: "wrong-token");

        await Poll.UntilAsync(() => deliverer.Stats.ConsecutiveFailures >= 3, Patience, () => fixture.Describe(receiver));
        Assert.Contains("HTTP 401", deliverer.Stats.LastError);
        Assert.Contains("ingest token", deliverer.Stats.LastError);
        Assert.Equal(1, fixture.Outbox.Pending);
        Assert.Equal(0, fixture.Outbox.DeadLetterCount);
        Assert.Empty(receiver.Stored);
    }

    [Fact]
    public async Task Four_streams_enqueueing_five_hundred_each_while_delivering_get_all_two_thousand_there_exactly_once()
    {
        await using var fixture = new DeliveryFixture();
        await using var receiver = await SidecarReceiver.StartAsync();
        var deliverer = fixture.StartDeliverer(receiver.BaseUrl);

        var streams = Enumerable.Range(0, 4).Select(stream => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++) Assert.True(fixture.Outbox.Enqueue(TestEntries.Create($"s{stream}-{i:D3}", clipBytes: 1024)));
        }));
        await Task.WhenAll(streams);

        await Poll.UntilAsync(() => fixture.Outbox.Pending == 0 && receiver.Stored.Count == 2000, TimeSpan.FromMinutes(2), () => fixture.Describe(receiver));
        Assert.Equal(2000, receiver.TotalRequests);
        Assert.Equal(2000L, deliverer.Stats.Delivered);
        var expected = TestEntries.Create("s3-499", clipBytes: 1024);
        OutboxAssert.Received(expected, receiver.Stored[expected.Id]);
    }
}

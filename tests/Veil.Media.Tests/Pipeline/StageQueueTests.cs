using Veil.Media.Pipeline;

namespace Veil.Media.Tests.Pipeline;

public sealed class StageQueueTests
{
    [Fact]
    public void A_full_queue_holds_the_writer_back_until_the_reader_takes_one()
    {
        using var queue = new StageQueue<int>(2, CancellationToken.None);
        queue.Add(1);
        queue.Add(2);
        var third = Task.Run(() => queue.Add(3));
        Assert.False(third.Wait(200), "the third item went into a full queue");
        Assert.True(queue.TryTake(out int first));
        Assert.Equal(1, first);
        Assert.True(third.Wait(5000));
        queue.Complete();
        var rest = new List<int>();
        while (queue.TryTake(out int item)) rest.Add(item);
        Assert.Equal([2, 3], rest);
    }

    [Fact]
    public void Cancellation_wakes_a_waiting_reader_and_a_waiting_writer()
    {
        using var cts = new CancellationTokenSource();
        using var empty = new StageQueue<int>(1, cts.Token);
        using var full = new StageQueue<int>(1, cts.Token);
        full.Add(1);
        var reader = Task.Run(() => empty.TryTake(out _));
        var writer = Task.Run(() => full.Add(2));
        Thread.Sleep(100);
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => reader.GetAwaiter().GetResult());
        Assert.ThrowsAny<OperationCanceledException>(() => writer.GetAwaiter().GetResult());
        Assert.True(full.TryTakeNow(out int left)); // what was queued can still be drained and released
        Assert.Equal(1, left);
    }

    [Fact]
    public void Passing_items_through_allocates_nothing()
    {
        using var queue = new StageQueue<object>(4, CancellationToken.None);
        var item = new object();
        for (int i = 0; i < 100; i++) { queue.Add(item); queue.TryTake(out _); }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) { queue.Add(item); queue.TryTake(out _); }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

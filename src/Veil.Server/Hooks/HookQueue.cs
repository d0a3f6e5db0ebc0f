using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Veil.Server.Hooks;

/// <summary>
/// One hook's events, delivered in order on a loop of their own: an event is handed to the next
/// only once the one before is done, so a receiver sees them in the order they happened. Bounded:
/// when the receiver is so far behind that <see cref="HookSpec.QueueLimit"/> events wait, new ones
/// are dropped, counted and logged (every 10 s at most); the stream that raised them never waits.
/// </summary>
internal sealed class HookQueue : IAsyncDisposable
{
    // A stopping `veil serve` has 2 s after Ctrl+C or SIGTERM (System.CommandLine's ProcessTerminationTimeout), the streams' own stop included.
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(1), OverflowLogEvery = TimeSpan.FromSeconds(10);
    private readonly HookSpec _spec;
    private readonly Func<HookEvent, CancellationToken, Task> _deliver;
    private readonly ILogger _log;
    private readonly Channel<HookEvent> _events;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _sinceOverflowLog = new();
    private readonly Task _loop;
    private long _waiting, _dropped;

    /// <param name="deliver">Delivers one event, retrying as long as it takes; ends early only when cancelled.</param>
    public HookQueue(HookSpec spec, Func<HookEvent, CancellationToken, Task> deliver, ILogger log)
    {
        _spec = spec;
        _deliver = deliver;
        _log = log;
        _events = Channel.CreateBounded<HookEvent>(new BoundedChannelOptions(spec.QueueLimit) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Events dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues <paramref name="e"/> for delivery, or drops it when the queue is full; never waits.</summary>
    public void Offer(HookEvent e)
    {
        if (_events.Writer.TryWrite(e))
        {
            HookMetrics.Queued.WithLabels(_spec.Name).Set(Interlocked.Increment(ref _waiting));
            return;
        }
        long dropped = Interlocked.Increment(ref _dropped);
        HookMetrics.Dropped.WithLabels(_spec.Name).Inc();
        lock (_sinceOverflowLog)
        {
            if (_sinceOverflowLog.IsRunning && _sinceOverflowLog.Elapsed < OverflowLogEvery) return;
            _sinceOverflowLog.Restart();
        }
        HooksLog.Overflow(_log, _spec.Name, _spec.QueueLimit, dropped, e.Type, e.Stream);
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var e in _events.Reader.ReadAllAsync(_stop.Token))
            {
                await _deliver(e, _stop.Token);
                HookMetrics.Delivered.WithLabels(_spec.Name).Inc();
                HookMetrics.Queued.WithLabels(_spec.Name).Set(Interlocked.Decrement(ref _waiting));
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
    }

    /// <summary>Gives what is queued a second to be delivered, then gives up on the rest and says how much it was.</summary>
    public async ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        if (await Task.WhenAny(_loop, Task.Delay(DrainLimit)) != _loop) await _stop.CancelAsync();
        await _loop;
        if (Interlocked.Read(ref _waiting) > 0 || Dropped > 0) HooksLog.Undelivered(_log, _spec.Name, Interlocked.Read(ref _waiting), Dropped);
        _stop.Dispose();
    }
}

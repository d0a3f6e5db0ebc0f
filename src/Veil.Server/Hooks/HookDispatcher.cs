using Microsoft.Extensions.Logging;
using Veil.Server.Serve;

namespace Veil.Server.Hooks;

/// <summary>
/// The server's hooks behind <see cref="IStreamEvents"/>: an event raised by a stream is made into
/// its JSON body once and offered to the queue of every hook that wants its type.
/// </summary>
internal sealed class HookDispatcher : IStreamEvents, IAsyncDisposable
{
    private readonly List<(HookSpec Spec, HookQueue Queue)> _hooks = [];
    private readonly List<WebhookSender> _senders = [];

    public HookDispatcher(IReadOnlyList<HookSpec> hooks, ILogger log)
    {
        foreach (var spec in hooks)
        {
            Func<HookEvent, CancellationToken, Task> deliver;
            if (spec.Url is not null)
            {
                var sender = new WebhookSender(spec, log);
                _senders.Add(sender);
                deliver = sender.DeliverAsync;
            }
            else deliver = new CommandHook(spec, log).StartAsync;
            _hooks.Add((spec, new HookQueue(spec, deliver, log)));
            HooksLog.Configured(log, spec.Name, spec.Events.Count == 0 ? "every event" : string.Join(", ", spec.Events));
        }
    }

    public void Raise(string type, string stream, IReadOnlyDictionary<string, object?> details)
    {
        if (!_hooks.Any(h => h.Spec.Wants(type))) return;
        var e = HookEvent.Create(type, stream, details, DateTimeOffset.UtcNow);
        foreach (var (spec, queue) in _hooks)
            if (spec.Wants(type)) queue.Offer(e);
    }

    /// <summary>After the streams stopped: their last events get a second to go out, every hook at once.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_hooks.Select(h => h.Queue.DisposeAsync().AsTask()));
        foreach (var sender in _senders) sender.Dispose();
    }
}

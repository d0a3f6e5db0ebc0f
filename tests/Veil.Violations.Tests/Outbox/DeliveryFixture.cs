using System.Collections.Concurrent;
using Veil.Violations.Outbox;

namespace Veil.Violations.Tests.Outbox;

/// <summary>An outbox in a temp directory and the deliverer settings the delivery tests share, with its notices recorded.</summary>
internal sealed class DeliveryFixture : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private OutboxDeliverer? _deliverer;

    public DeliveryFixture() => Outbox = EventOutbox.Open(_directory.Path);

    public EventOutbox Outbox { get; }

    public ConcurrentQueue<DeliveryNotice> Notices { get; } = new();

    public OutboxDeliverer Deliverer => _deliverer ?? throw new InvalidOperationException("the test has not started the deliverer");

    /// <summary>Starts delivering to <paramref name="baseUrl"/> with short pauses, so retries happen within a test's time.</summary>
    public OutboxDeliverer StartDeliverer(Uri baseUrl, string token = SidecarReceiver.Token)
    {
        var options = new OutboxDeliveryOptions(baseUrl, token)
        {
            InitialBackoff = TimeSpan.FromMilliseconds(50),
            MaxBackoff = TimeSpan.FromMilliseconds(400),
            IdlePoll = TimeSpan.FromMilliseconds(200),
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
        _deliverer = OutboxDeliverer.Start(Outbox, options, Notices.Enqueue);
        return _deliverer;
    }

    public int NoticesOf(DeliveryNoticeKind kind) => Notices.Count(n => n.Kind == kind);

    public string Describe(SidecarReceiver? receiver = null) =>
        $"stats {_deliverer?.Stats}; receiver stored {receiver?.Stored.Count} after {receiver?.TotalRequests} requests";

    public async ValueTask DisposeAsync()
    {
        if (_deliverer is not null) await _deliverer.DisposeAsync();
        Outbox.Dispose();
        _directory.Dispose();
    }
}

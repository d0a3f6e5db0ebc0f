using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Veil.Server.Serve;
using Veil.Violations.Events;
using Veil.Violations.Outbox;

namespace Veil.Server.Violations;

/// <summary>
/// Where a server's violation events go: the durable outbox on disk (a local write, so the video
/// path never waits on the network), and from there, when a sidecar is configured, to it at least
/// once. Events already in the outbox from an earlier run (a crash, a sidecar that was down) are
/// delivered first.
/// </summary>
internal sealed class EventReporter : IAsyncDisposable
{
    private readonly EventOutbox _outbox;
    private readonly OutboxDeliverer? _deliverer;
    private readonly ILogger _log;
    private readonly IStreamEvents? _hooks;
    private long _reported, _refused;

    /// <param name="log">Where each event taken, each delivery notice and each refusal is told (<see cref="ViolationsLog"/>).</param>
    /// <param name="hooks">Where each event the outbox took is told too (veil serve's hooks), as a <see cref="StreamEventTypes.Violation"/> of its camera's stream.</param>
    public EventReporter(ViolationSettings settings, ILogger log, IStreamEvents? hooks = null)
    {
        _log = log;
        _hooks = hooks;
        Directory.CreateDirectory(settings.OutboxDirectory);
        _outbox = EventOutbox.Open(settings.OutboxDirectory);
        if (settings.SidecarUrl is { } url)
            _deliverer = OutboxDeliverer.Start(_outbox, new OutboxDeliveryOptions(new Uri(url), settings.IngestToken ?? ""), Tell);
        if (_outbox.Pending > 0) ViolationsLog.FromEarlierRun(log, _outbox.Pending, settings.OutboxDirectory);
    }

    public long Reported => Interlocked.Read(ref _reported);
    public long Pending => _outbox.Pending;

    public void Report(ViolationEvent e, byte[] snapshot, byte[]? clip)
    {
        string sha = Sha256(snapshot);
        var payload = ViolationEventDocuments.From(e, sha, clip is null ? null : Sha256(clip)).ToJson();
        var attachments = new List<OutboxAttachment> { new("snapshot", "image/jpeg", snapshot) };
        if (clip is not null) attachments.Add(new OutboxAttachment("clip", "video/mp4", clip));
        try
        {
            if (_outbox.Enqueue(new OutboxEntry(e.Id, e.Kind, payload, attachments, DateTimeOffset.UtcNow)))
            {
                Interlocked.Increment(ref _reported);
                ViolationsLog.Reported(_log, e.Kind, e.Camera, e.Time, string.Join(",", e.TrackIds), e.Id);
                _hooks?.Raise(StreamEventTypes.Violation, e.Camera, new Dictionary<string, object?>
                {
                    ["violation_id"] = e.Id, ["kind"] = e.Kind, ["time"] = e.Time.ToUniversalTime().ToString("O"),
                    ["confidence"] = Math.Round(Math.Clamp(e.Confidence, 0, 1), 3), ["track_ids"] = e.TrackIds, ["zone"] = e.Details.Zone,
                    ["lat"] = e.Geo?.Latitude, ["lon"] = e.Geo?.Longitude, ["snapshot_sha256"] = sha,
                });
            }
        }
        catch (OutboxFullException full)
        {
            // Refused, counted and said: the outbox never drops what it already holds.
            Interlocked.Increment(ref _refused);
            ViolationsLog.Refused(_log, full.Message);
        }
    }

    /// <summary>The deliverer (Veil.Violations, which does no logging) hands its notices up; they are logged here.</summary>
    private void Tell(DeliveryNotice notice) => ViolationsLog.Delivery(_log,
        notice.Kind is DeliveryNoticeKind.Retrying or DeliveryNoticeKind.DeadLettered ? LogLevel.Warning : LogLevel.Information, notice.Message);

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    /// <summary>Gives the deliverer up to <paramref name="wait"/> to empty the outbox; what is left is delivered by the next run.</summary>
    public async Task DrainAsync(TimeSpan wait)
    {
        if (_deliverer is null) return;
        var deadline = DateTime.UtcNow + wait;
        while (_outbox.Pending > 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
    }

    public async ValueTask DisposeAsync()
    {
        if (_deliverer is not null) await _deliverer.DisposeAsync();
        _outbox.Dispose();
    }
}

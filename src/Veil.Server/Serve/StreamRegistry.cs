using Veil.Ingest.Auth;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Veil.Server.Anonymize;
using Veil.Server.VisionSetup;
using Veil.Server.Violations;
using Veil.Server.WebRtc;

namespace Veil.Server.Serve;

/// <summary>The server's running streams, by name (case-insensitive), all sharing one set of loaded models.</summary>
internal sealed class StreamRegistry(ServeSettings settings, AnonymizeSettings template, DetectionSetup? detection, ILoggerFactory logs, EventReporter? events = null, IStreamEvents? hooks = null, Hls.HlsFolder? hls = null, Recording.RecordingFolder? recordings = null) : IAsyncDisposable, IWebRtcStreams
{
    private readonly ConcurrentDictionary<string, LiveStream> _streams = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILogger _log = logs.CreateLogger("veil.streams");
    private readonly object _gate = new();

    public IEnumerable<LiveStream> All => _streams.Values.OrderBy(s => s.Spec.Name, StringComparer.OrdinalIgnoreCase);

    public LiveStream? Find(string name) => _streams.GetValueOrDefault(name);

    /// <summary>The push stream with this key (compared in constant time), for an RTMP publisher.</summary>
    public LiveStream? FindByKey(string key) => _streams.Values.FirstOrDefault(s => s.Spec.IsPush && Secrets.Match(s.Spec.Key!, key));

    public EncodedVideoFanout? FindViewers(string name) => Find(name)?.Viewers;

    /// <summary>Starts a stream; throws <see cref="ArgumentException"/> for a bad spec and <see cref="InvalidOperationException"/> for a name in use or the stream limit.</summary>
    public LiveStream Add(StreamSpec spec)
    {
        spec = settings.WithForward(spec);
        var problems = spec.Problems().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));
        lock (_gate)
        {
            if (_streams.ContainsKey(spec.Name)) throw new InvalidOperationException($"a stream named '{spec.Name}' already exists");
            if (spec.IsPush && FindByKey(spec.Key!) is { } other) throw new InvalidOperationException($"stream '{other.Spec.Name}' already has that key");
            if (_streams.Count >= settings.MaxStreams) throw new InvalidOperationException($"the server runs its limit of {settings.MaxStreams} streams (Veil:MaxStreams)");
            var stream = new LiveStream(spec, settings, template, detection, _log, events, hooks, hls, recordings);
            _streams[spec.Name] = stream;
            StreamLog.Added(_log, spec.Name, spec.IsPush ? "publisher (RTMP, SRT, gRPC or WHIP)" : spec.Source, string.Join(", ", spec.Destinations));
            return stream;
        }
    }

    public async Task<bool> RemoveAsync(string name)
    {
        if (!_streams.TryRemove(name, out var stream)) return false;
        await stream.DisposeAsync();
        StreamLog.Removed(_log, stream.Spec.Name);
        return true;
    }

    /// <summary>Stops every stream; safe to call again (the app's container disposes it too).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var name in _streams.Keys.ToList()) await RemoveAsync(name);
    }
}

using Prometheus;

namespace Veil.Server.Serve;

/// <summary>Per-stream Prometheus series, refreshed from the registry at each scrape.</summary>
internal sealed class StreamMetrics
{
    private static readonly string[] Label = ["stream"];
    private readonly Gauge _up = Metrics.CreateGauge("veil_stream_up", "1 while the stream runs, 0 while it is starting, retrying or done.", Label);
    private readonly Gauge _fps = Metrics.CreateGauge("veil_stream_fps", "Frames encoded per second over the last second.", Label);
    private readonly Counter _frames = Metrics.CreateCounter("veil_stream_frames_total", "Frames encoded and sent.", Label);
    private readonly Counter _obscured = Metrics.CreateCounter("veil_stream_obscured_frames_total", "Frames obscured whole or dropped because detection failed on them.", Label);
    private readonly Counter _shed = Metrics.CreateCounter("veil_stream_shed_frames_total", "Frames dropped at the entry because the stream fell behind its source (kept near real time).", Label);
    private readonly Counter _attempts = Metrics.CreateCounter("veil_stream_attempts_total", "Times the stream's source and destinations were opened.", Label);
    private readonly Gauge _latency = Metrics.CreateGauge("veil_stream_latency_ms", "Packet-in to packet-out latency of the current run, by quantile.", ["stream", "quantile"]);
    private readonly HashSet<string> _known = new();

    public StreamMetrics(StreamRegistry registry) => Metrics.DefaultRegistry.AddBeforeCollectCallback(() => Refresh(registry));

    private void Refresh(StreamRegistry registry)
    {
        var live = new HashSet<string>();
        foreach (var s in registry.All)
        {
            string name = s.Spec.Name;
            live.Add(name);
            _up.WithLabels(name).Set(s.State == StreamState.Running ? 1 : 0);
            _fps.WithLabels(name).Set(s.Fps);
            _frames.WithLabels(name).IncTo(s.Frames);
            _obscured.WithLabels(name).IncTo(s.ObscuredFrames);
            _shed.WithLabels(name).IncTo(s.ShedFrames);
            _attempts.WithLabels(name).IncTo(s.Attempts);
            if (s.LatencyMs is { } l)
            {
                _latency.WithLabels(name, "0.5").Set(l.P50);
                _latency.WithLabels(name, "0.95").Set(l.P95);
                _latency.WithLabels(name, "0.99").Set(l.P99);
            }
        }
        lock (_known)
        {
            foreach (var gone in _known.Where(n => !live.Contains(n)).ToList())
            {
                _up.RemoveLabelled(gone);
                _fps.RemoveLabelled(gone);
                _frames.RemoveLabelled(gone);
                _obscured.RemoveLabelled(gone);
                _shed.RemoveLabelled(gone);
                _attempts.RemoveLabelled(gone);
                foreach (var q in new[] { "0.5", "0.95", "0.99" }) _latency.RemoveLabelled(gone, q);
                _known.Remove(gone);
            }
            _known.UnionWith(live);
        }
    }
}

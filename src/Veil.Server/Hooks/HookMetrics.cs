using Prometheus;

namespace Veil.Server.Hooks;

/// <summary>Per-hook Prometheus series (label: the hook's name as logged), counted as deliveries happen.</summary>
internal static class HookMetrics
{
    private static readonly string[] Label = ["hook"];
    public static readonly Counter Delivered = Metrics.CreateCounter("veil_hook_delivered_total", "Events a hook took (2xx), or commands started.", Label);
    public static readonly Counter FailedAttempts = Metrics.CreateCounter("veil_hook_failed_attempts_total", "Webhook attempts answered with no 2xx, refused or timed out (each retried).", Label);
    public static readonly Counter Dropped = Metrics.CreateCounter("veil_hook_dropped_total", "Events dropped because the hook's queue was full.", Label);
    public static readonly Gauge Queued = Metrics.CreateGauge("veil_hook_queued", "Events waiting for the hook, the one being tried included.", Label);
}

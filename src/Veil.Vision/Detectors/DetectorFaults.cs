namespace Veil.Vision.Detectors;

/// <summary>
/// A fault switch for tests of the fail-closed path with the real detector:
/// VEIL_FAULT_DETECTOR=fail:FROM-TO makes detection throw on frames FROM..TO-1 of every stream;
/// stall:FROM-MS makes every detector of the process hang from frame FROM for MS milliseconds
/// (a hung device: no worker answers until then).
/// Unset (always, outside such tests) it does nothing.
/// </summary>
internal static class DetectorFaults
{
    private static readonly string? Spec = Environment.GetEnvironmentVariable("VEIL_FAULT_DETECTOR");
    private static readonly (long A, long B)? Failing = Parse("fail:");
    private static readonly (long A, long B)? Stalling = Parse("stall:");
    private static long _stallUntil;

    public static void ThrowIfInjected(long frameIndex)
    {
        if (Failing is { } f && frameIndex >= f.A && frameIndex < f.B)
            throw new InvalidOperationException($"injected detector fault (VEIL_FAULT_DETECTOR) on frame {frameIndex}");
        if (Stalling is { } s)
        {
            if (frameIndex == s.A) Interlocked.CompareExchange(ref _stallUntil, Environment.TickCount64 + s.B, 0);
            long wait = Interlocked.Read(ref _stallUntil) - Environment.TickCount64;
            if (wait > 0) Thread.Sleep((int)wait);
        }
    }

    private static (long, long)? Parse(string prefix)
    {
        if (Spec is null || !Spec.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var parts = Spec[prefix.Length..].Split('-');
        return parts.Length == 2 && long.TryParse(parts[0], out var a) && long.TryParse(parts[1], out var b) ? (a, b) : null;
    }
}

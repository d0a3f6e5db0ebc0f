namespace Veil.Vision.Detectors;

/// <summary>
/// A fault switch for tests of the fail-closed path with the real detector:
/// VEIL_FAULT_DETECTOR=fail:FROM-TO makes detection throw on frames FROM..TO-1 of every stream.
/// Unset (always, outside such tests) it does nothing.
/// </summary>
internal static class DetectorFaults
{
    private static readonly (long From, long To)? Failing = Parse(Environment.GetEnvironmentVariable("VEIL_FAULT_DETECTOR"));

    public static void ThrowIfInjected(long frameIndex)
    {
        if (Failing is { } f && frameIndex >= f.From && frameIndex < f.To)
            throw new InvalidOperationException($"injected detector fault (VEIL_FAULT_DETECTOR) on frame {frameIndex}");
    }

    private static (long, long)? Parse(string? text)
    {
        if (text is null || !text.StartsWith("fail:", StringComparison.Ordinal)) return null;
        var parts = text[5..].Split('-');
        return parts.Length == 2 && long.TryParse(parts[0], out var a) && long.TryParse(parts[1], out var b) ? (a, b) : null;
    }
}

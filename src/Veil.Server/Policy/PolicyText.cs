namespace Veil.Server.Policy;

/// <summary>A whole policy on one line, for logs.</summary>
internal static class PolicyText
{
    public static string Describe(RedactionPolicy p) =>
        $"classes {(p.Classes is { Count: > 0 } c ? string.Join(",", c) : "none")}, style {p.Style}"
        + (p.ClassStyles is { Count: > 0 } s ? $" ({string.Join(", ", s.Select(kv => $"{kv.Key} {kv.Value}"))})" : "")
        + $", cadence {p.Cadence}, look-ahead {p.LookAheadMs} ms, detector deadline {p.DetectorTimeoutMs} ms, failed frames {p.OnDetectorFailure}";
}

using Veil.Vision.Masks;

namespace Veil.Server.Anonymize;

/// <summary>How a run's keep zones are told at start: an operator must see that some text goes out unredacted.</summary>
internal static class KeepZoneText
{
    public static string Describe(IReadOnlyList<KeepZone> zones) => zones.Count == 0
        ? "0 keep zones"
        : $"{zones.Count} keep zone(s) ({string.Join(", ", zones.Select(z => $"\"{z.Name}\""))}): text there is not redacted, faces and people are";
}

namespace Veil.Violations.Zones;

public enum ZoneKind
{
    /// <summary>No two-wheeler may ride here (a pedestrian area, a footpath).</summary>
    Forbidden,

    /// <summary>Riding is allowed in one direction only (a one-way cycle lane).</summary>
    Directional,
}

namespace Veil.Sidecar.Store;

public sealed record DayCount(DateOnly Date, long Count);

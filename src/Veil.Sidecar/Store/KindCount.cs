namespace Veil.Sidecar.Store;

public sealed record KindCount(string Kind, long Count);

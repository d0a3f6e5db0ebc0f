namespace Veil.Sidecar.Store;

/// <summary>A reviewer's correction: null members stay as they are; an empty note clears it.</summary>
public sealed record EventEdit(string? Kind, string? Note);

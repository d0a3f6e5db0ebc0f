namespace Veil.Fuzz.Targets;

/// <summary>A parser took an input without an error but left something wrong behind (memory held, a malformed output).</summary>
public sealed class InvariantBrokenException(string message) : Exception(message);

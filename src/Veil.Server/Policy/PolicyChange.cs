namespace Veil.Server.Policy;

/// <summary>What a policy change did: the fields that apply from the next frame, and those that wait for the stream's next run.</summary>
internal sealed record PolicyChange(IReadOnlyList<string> Applied, IReadOnlyList<string> NextRun);

/// <summary>A policy change refused whole, with the HTTP status that says why (400 invalid, 403 loosening off, 409 a model not loaded).</summary>
internal sealed class PolicyRefusedException(int status, string message, IReadOnlyList<string>? problems = null) : Exception(message)
{
    public int Status { get; } = status;
    public IReadOnlyList<string> Problems { get; } = problems ?? [message];
}

/// <summary>Which changes of a running stream's policy a server takes (Veil:PolicyChanges).</summary>
public enum PolicyChangeRule
{
    Any,
    TightenOnly,
    None,
}

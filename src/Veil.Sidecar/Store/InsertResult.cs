namespace Veil.Sidecar.Store;

/// <summary>What storing an event did; for a <see cref="InsertOutcome.Conflict"/>, the fields that differ from the stored event.</summary>
public sealed record InsertResult(InsertOutcome Outcome, IReadOnlyList<string> Differences)
{
    public static readonly InsertResult Created = new(InsertOutcome.Created, []);

    public static readonly InsertResult Duplicate = new(InsertOutcome.Duplicate, []);
}

namespace Veil.Sidecar.Store;

/// <summary>The result of a review action or an edit: the event as it is now when changed.</summary>
public sealed record ChangeResult(ChangeOutcome Outcome, EventRecord? Event, string? Reason)
{
    public static readonly ChangeResult NotFound = new(ChangeOutcome.NotFound, null, null);

    public static ChangeResult Refused(string reason) => new(ChangeOutcome.Refused, null, reason);
}

namespace Veil.Sidecar.Store;

public enum ChangeOutcome
{
    Changed,
    NotFound,

    /// <summary>Not allowed from the event's status, or the event changed meanwhile; see the reason.</summary>
    Refused,
}

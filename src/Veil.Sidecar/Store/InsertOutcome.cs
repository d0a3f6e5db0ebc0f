namespace Veil.Sidecar.Store;

public enum InsertOutcome
{
    Created,

    /// <summary>An event with this id is already stored; nothing was changed (at-least-once delivery).</summary>
    Duplicate,
}

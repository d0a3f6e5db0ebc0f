namespace Veil.Sidecar.Store;

public enum InsertOutcome
{
    Created,

    /// <summary>This event is already stored; nothing was changed (at-least-once delivery).</summary>
    Duplicate,

    /// <summary>Another event is stored under this id; nothing was changed (see <see cref="DeliveredContent"/>).</summary>
    Conflict,
}

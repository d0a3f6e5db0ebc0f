namespace Veil.Sidecar.Store;

/// <summary>Where an event stands in review. Only <see cref="Approved"/> events are ever shown to the public.</summary>
public enum EventStatus
{
    Pending,
    Approved,
    Rejected,

    /// <summary>In the recycle bin: hidden everywhere but the bin, restorable.</summary>
    Deleted,
}

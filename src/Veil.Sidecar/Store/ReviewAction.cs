namespace Veil.Sidecar.Store;

/// <summary>What a reviewer does to an event, and from which statuses each is allowed.</summary>
public enum ReviewAction
{
    Approve,
    Reject,

    /// <summary>Out of the recycle bin, back to review (pending): what it was shown as before may be stale.</summary>
    Restore,

    /// <summary>Into the recycle bin (status deleted); nothing is erased.</summary>
    Delete,
}

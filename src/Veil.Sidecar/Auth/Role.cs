namespace Veil.Sidecar.Auth;

/// <summary>What a signed-in user may do; each role includes the ones before it.</summary>
public enum Role
{
    /// <summary>Sees the events of their own cameras (any status); changes nothing.</summary>
    Operator = 1,

    /// <summary>Approves, rejects, edits, deletes and restores events of every camera.</summary>
    Reviewer = 2,

    /// <summary>Everything, including cameras, users and archives.</summary>
    Admin = 3,
}

using Veil.Sidecar.Store;

namespace Veil.Sidecar.Auth;

/// <summary>
/// Who sent a request, resolved once per request. Anonymous callers (and the ingest token) see approved
/// events only; an operator also sees every status on their own cameras; reviewers and admins see all.
/// </summary>
internal sealed record Caller(Credential Credential, string? Name, Role? Role, IReadOnlyList<string> Cameras, Session? Session = null)
{
    public static readonly Caller Anonymous = new(Credential.None, null, null, []);
    public static readonly Caller Ingest = new(Credential.IngestToken, null, null, []);

    /// <summary>The admin token: an admin without a user name (the audit takes X-Veil-Actor).</summary>
    public static readonly Caller Machine = new(Credential.AdminToken, null, Auth.Role.Admin, []);

    public static Caller For(Session session, Credential credential) =>
        new(credential, session.User.Name, session.User.Role, session.User.Cameras, session);

    /// <summary>True for everyone without a role: responses to them may be cached publicly.</summary>
    public bool IsPublic => Role is null;

    /// <summary>May ask for pending, rejected or deleted events (within <see cref="Restrict"/>).</summary>
    public bool SeesUnapproved => Role is not null;

    public bool Has(Role role) => Role >= role;

    /// <summary>The filter narrowed to what this caller may list: an operator's own cameras.</summary>
    public EventFilter Restrict(EventFilter filter) => Role == Auth.Role.Operator ? filter with { Cameras = Cameras } : filter;

    public bool CanSee(EventRecord record) =>
        record.Status == EventStatus.Approved || Has(Auth.Role.Reviewer) || (Role == Auth.Role.Operator && Cameras.Contains(record.Camera));

    /// <summary>Media of an approved event is public; an operator also gets their cameras' media; reviewers get all.</summary>
    public async Task<bool> MaySeeMediaAsync(IEventStore store, string sha256, CancellationToken cancellationToken) =>
        Has(Auth.Role.Reviewer)
        || await store.IsPublicMediaAsync(sha256, cancellationToken)
        || (Role == Auth.Role.Operator
            && await store.IsMediaShownAsync(sha256, Restrict(new EventFilter { Statuses = Enum.GetValues<EventStatus>() }), cancellationToken));
}

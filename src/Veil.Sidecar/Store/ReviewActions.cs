namespace Veil.Sidecar.Store;

/// <summary>Review action names in the API, and which status each leads to from which.</summary>
public static class ReviewActions
{
    public static string ToName(this ReviewAction action) => action.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out ReviewAction action)
    {
        action = default;
        return name is "approve" or "reject" or "restore" or "delete" && Enum.TryParse(name, ignoreCase: true, out action);
    }

    /// <summary>The status the action leads to, or null with the reason when it is not allowed from <paramref name="from"/>.</summary>
    public static EventStatus? Target(this ReviewAction action, EventStatus from, out string? refusal)
    {
        (EventStatus To, EventStatus[] AllowedFrom) rule = action switch
        {
            ReviewAction.Approve => (EventStatus.Approved, [EventStatus.Pending, EventStatus.Rejected]),
            ReviewAction.Reject => (EventStatus.Rejected, [EventStatus.Pending, EventStatus.Approved]),
            ReviewAction.Restore => (EventStatus.Pending, [EventStatus.Deleted]),
            ReviewAction.Delete => (EventStatus.Deleted, [EventStatus.Pending, EventStatus.Approved, EventStatus.Rejected]),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "unknown review action"),
        };
        refusal = rule.AllowedFrom.Contains(from) ? null
            : $"cannot {action.ToName()} an event that is {from.ToName()} (allowed from: {string.Join(", ", rule.AllowedFrom.Select(s => s.ToName()))})";
        return refusal is null ? rule.To : null;
    }
}

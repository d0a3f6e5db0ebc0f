namespace Veil.Sidecar.Store;

/// <summary>The lowercase names statuses have in the database and the API.</summary>
public static class EventStatusNames
{
    public static string ToName(this EventStatus status) => status switch
    {
        EventStatus.Pending => "pending",
        EventStatus.Approved => "approved",
        EventStatus.Rejected => "rejected",
        EventStatus.Deleted => "deleted",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown event status"),
    };

    public static bool TryParse(string? name, out EventStatus status)
    {
        switch (name)
        {
            case "pending": status = EventStatus.Pending; return true;
            case "approved": status = EventStatus.Approved; return true;
            case "rejected": status = EventStatus.Rejected; return true;
            case "deleted": status = EventStatus.Deleted; return true;
            default: status = default; return false;
        }
    }

    /// <summary>For values read back from the database, where anything else means a corrupt row.</summary>
    public static EventStatus Parse(string name) =>
        TryParse(name, out var status) ? status : throw new FormatException($"unknown event status '{name}' in the database");
}

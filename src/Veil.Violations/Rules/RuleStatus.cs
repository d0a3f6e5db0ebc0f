namespace Veil.Violations.Rules;

/// <summary>Whether a rule runs for a camera, and if not why; the server shows the list so nothing is silently off.</summary>
public sealed record RuleStatus(string Rule, string? UnavailableReason)
{
    public bool IsAvailable => UnavailableReason is null;

    public override string ToString() => IsAvailable ? $"{Rule}: available" : $"{Rule}: unavailable: {UnavailableReason}";
}

namespace Veil.Violations.Rules;

/// <summary>
/// One kind of violation. A rule is stateless per frame: it says which track sets break it now,
/// and the <see cref="RuleEngine"/> turns a condition that holds long enough into one event.
/// New kinds implement this and are passed to the engine; no other rule changes.
/// </summary>
public interface IViolationRule
{
    /// <summary>The kind of the events it raises; unique within an engine, stored with every event.</summary>
    string Name { get; }

    /// <summary>How long the condition must hold before an event, so one bad frame never makes one.</summary>
    TimeSpan MinimumDuration { get; }

    /// <summary>Why the rule cannot run for this camera (no calibration, no zone, no model), or null when it can.</summary>
    string? UnavailableReason(RuleEnvironment environment);

    /// <summary>The findings in the current frame; called only when the rule is available.</summary>
    IEnumerable<RuleFinding> Evaluate(RuleContext context);
}

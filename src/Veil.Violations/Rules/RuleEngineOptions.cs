using Veil.Violations.Tracks;

namespace Veil.Violations.Rules;

public sealed record RuleEngineOptions
{
    /// <summary>
    /// Before its event, an episode survives the condition lapsing this long (a missed detection);
    /// a longer lapse starts the minimum duration over.
    /// </summary>
    public TimeSpan MaximumGap { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>After its event, the condition must stay false this long before the same subject can raise another.</summary>
    public TimeSpan RearmAfter { get; init; } = TimeSpan.FromSeconds(3);

    public TrackBookOptions Tracks { get; init; } = new();

    public void Validate()
    {
        if (MaximumGap < TimeSpan.Zero) throw new ArgumentException($"MaximumGap ({MaximumGap}) cannot be negative.");
        if (RearmAfter < MaximumGap)
            throw new ArgumentException($"RearmAfter ({RearmAfter}) must be at least MaximumGap ({MaximumGap}): a raised episode would end sooner than an unraised one.");
        Tracks.Validate();
    }
}

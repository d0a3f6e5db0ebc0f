namespace Veil.Violations.Rules;

public sealed record TandemRidingParameters
{
    /// <summary>People on one two-wheeler from which it is tandem riding (e-scooters carry one).</summary>
    public int MinimumPersons { get; init; } = 2;

    public RidingGeometry Riding { get; init; } = new();

    public TimeSpan MinimumDuration { get; init; } = TimeSpan.FromSeconds(1);

    public void Validate()
    {
        if (MinimumPersons < 2) throw new ArgumentException($"TandemRiding: MinimumPersons ({MinimumPersons}) must be at least 2.");
        Riding.Validate();
        RuleParameters.RequirePositive("TandemRiding", nameof(MinimumDuration), MinimumDuration);
    }
}

namespace Veil.Violations.Rules;

/// <summary>A helmet classifier's verdict on one rider's head.</summary>
/// <param name="Confidence">0 to 1: the classifier's confidence in <paramref name="WearsHelmet"/>.</param>
public readonly record struct HelmetReading(bool WearsHelmet, float Confidence);

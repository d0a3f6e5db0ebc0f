namespace Veil.Violations.Rules;

/// <summary>Checks shared by the rules' parameter records, with messages that name the rule and the parameter.</summary>
internal static class RuleParameters
{
    public static void RequirePositive(string rule, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero) throw new ArgumentException($"{rule}: {name} ({value}) must be positive.");
    }

    public static void RequirePositive(string rule, string name, double value)
    {
        if (!(value > 0 && double.IsFinite(value))) throw new ArgumentException($"{rule}: {name} ({value}) must be a positive number.");
    }

    public static void RequireFraction(string rule, string name, double value)
    {
        if (!(value > 0 && value <= 1)) throw new ArgumentException($"{rule}: {name} ({value}) must be within (0, 1].");
    }

    /// <summary>The reason rules that need metres give on an uncalibrated camera.</summary>
    public const string NoGroundCalibration = "the camera has no ground calibration (control points), so ground speed and heading are unknown";
}

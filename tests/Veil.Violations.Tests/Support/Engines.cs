using Veil.Violations.Rules;
using Veil.Violations.Zones;

namespace Veil.Violations.Tests.Support;

internal static class Engines
{
    public const string Camera = "rue-de-rivoli-3";

    /// <summary>An engine on the calibrated top-down camera running just <paramref name="rule"/>.</summary>
    public static RuleEngine For(IViolationRule rule, params Zone[] zones) =>
        new(new RuleEnvironment(Camera, TopDownCamera.Ground, zones), [rule]);
}

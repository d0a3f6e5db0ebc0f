using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Veil.Server.Cli;

/// <summary>
/// Range checks that run while the command line is parsed: a nonsensical number (a negative
/// duration, a score above 1) is refused with one line before anything is opened or written.
/// </summary>
internal static class OptionRules
{
    /// <summary>The longest span a TimeSpan holds, comfortably.</summary>
    private static readonly double MaxSeconds = TimeSpan.MaxValue.TotalSeconds / 2;

    /// <summary>A number of seconds above 0 (not NaN, not infinite).</summary>
    public static T Seconds<T>(this T option) where T : Option => option.Check(v => v > 0 && v <= MaxSeconds, "expected a number of seconds above 0");

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int> Between(this Option<int> option, int min, int max) => option.Check(v => v >= min && v <= max, $"expected a whole number from {min} to {max}");

    /// <summary>A number strictly between 0 and 1 (a detector score).</summary>
    public static Option<float?> Fraction(this Option<float?> option) => option.Check(v => v > 0 && v < 1, "expected a number above 0 and below 1");

    /// <summary>
    /// Checks the number the user typed (defaults are sane); text that is no number at all is
    /// left to the parser's own conversion error.
    /// </summary>
    private static T Check<T>(this T option, Func<double, bool> valid, string expected) where T : Option
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && !valid(v))
                result.AddError($"{option.Name} {token.Value}: {expected}");
        });
        return option;
    }
}

using System.Globalization;

namespace Veil.Vision.Masks;

/// <summary>
/// Parses the command line's <c>--mask x,y,w,h</c>. Whole numbers are pixels (<c>10,20,300,200</c>);
/// numbers written with a decimal point are fractions of the frame and must lie in 0..1
/// (<c>0.1,0.2,0.3,0.4</c>); percentages are fractions too (<c>10%,20%,30%,40%</c>). The three
/// forms cannot be mixed in one mask, so a typo does not silently change units.
/// </summary>
public static class MaskParser
{
    public static PrivacyMask ParseRectangle(string text, string? name = null)
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 4)
            throw Error(text, $"expected x,y,w,h as numbers (4 values, got {(string.IsNullOrWhiteSpace(text) ? 0 : parts.Length)})");

        int percents = parts.Count(p => p.EndsWith('%'));
        if (percents is not (0 or 4)) throw Error(text, "write all four values as percentages or none");
        int fractions = parts.Count(p => p.Contains('.'));
        var values = new double[4];
        for (int i = 0; i < 4; i++)
        {
            var number = percents == 4 ? parts[i][..^1].TrimEnd() : parts[i];
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                throw Error(text, $"expected x,y,w,h as numbers (\"{parts[i]}\" is not a number)");
            if (percents == 4) values[i] /= 100;
        }
        if (values[2] <= 0 || values[3] <= 0) throw Error(text, "width and height must be positive");

        var units = MaskUnits.Pixels;
        if (percents == 4 || fractions > 0)
        {
            if (values.Any(v => v < 0 || v > 1))
                throw Error(text, "fractions of the frame must lie between 0 and 1; write pixels as whole numbers");
            units = MaskUnits.Relative;
        }
        var rect = new MaskRect(values[0], values[1], values[2], values[3]);
        return new PrivacyMask(name ?? text!.Trim(), rect, units);
    }

    private static FormatException Error(string? text, string problem) => new($"--mask \"{text}\": {problem}");
}

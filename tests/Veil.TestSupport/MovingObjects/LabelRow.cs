using System.Globalization;

namespace Veil.TestSupport.MovingObjects;

/// <summary>One line of a dev set's labels.csv (<c>image,x,y,w,h,class</c>); the image path is relative to the set.</summary>
public sealed record LabelRow(string Image, int X, int Y, int W, int H, string Class)
{
    public static List<LabelRow> ReadAll(string labelsCsv) => File.ReadLines(labelsCsv)
        .Skip(1)
        .Where(line => line.Length > 0)
        .Select(line => line.Split(','))
        .Select(f => new LabelRow(f[0], Int(f[1]), Int(f[2]), Int(f[3]), Int(f[4]), f[5].Trim()))
        .ToList();

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}

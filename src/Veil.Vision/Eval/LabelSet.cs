using System.Globalization;

namespace Veil.Vision.Eval;

/// <summary>One labelled object of a `labels.csv` (image,x,y,w,h,class[,img_w,img_h]).</summary>
public sealed record LabelBox(double X, double Y, double W, double H, string Class);

/// <summary>
/// A labelled image set as ../shared/eval/score.py reads it: boxes grouped by image in file order,
/// boxes with no area dropped, image sizes from img_w/img_h columns when present.
/// </summary>
public sealed class LabelSet
{
    private LabelSet(string path, Dictionary<string, List<LabelBox>> images, Dictionary<string, (int, int)> sizes)
    {
        Path = path;
        Images = images;
        Sizes = sizes;
    }

    public string Path { get; }
    public IReadOnlyDictionary<string, List<LabelBox>> Images { get; }
    public IReadOnlyDictionary<string, (int Width, int Height)> Sizes { get; }

    public static LabelSet Read(string path, string? onlyClass = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"labels file '{path}' does not exist");
        using var reader = new StreamReader(path);
        var header = (reader.ReadLine() ?? "").Split(',').Select(h => h.Trim()).ToList();
        int Col(string name, bool required = true)
        {
            int i = header.IndexOf(name);
            if (i < 0 && required) throw new FormatException($"labels file '{path}': no column '{name}' (needs image,x,y,w,h,class)");
            return i;
        }
        int ci = Col("image"), cx = Col("x"), cy = Col("y"), cw = Col("w"), ch = Col("h"), cc = Col("class", false);
        int iw = Col("img_w", false), ih = Col("img_h", false);
        var images = new Dictionary<string, List<LabelBox>>();
        var sizes = new Dictionary<string, (int, int)>();
        int line = 1;
        for (string? row; (row = reader.ReadLine()) is not null;)
        {
            line++;
            if (string.IsNullOrWhiteSpace(row)) continue;
            var f = row.Split(',');
            if (f.Length < header.Count) throw new FormatException($"labels file '{path}' line {line}: {f.Length} fields, header has {header.Count}");
            double Num(int i) => double.TryParse(f[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? v : throw new FormatException($"labels file '{path}' line {line}: '{f[i]}' is not a number");
            string cls = cc >= 0 ? f[cc].Trim() : "";
            if (onlyClass is not null && !string.Equals(cls, onlyClass, StringComparison.OrdinalIgnoreCase)) continue;
            if (iw >= 0 && ih >= 0 && f[iw].Length > 0 && f[ih].Length > 0) sizes[f[ci]] = ((int)Num(iw), (int)Num(ih));
            var box = new LabelBox(Num(cx), Num(cy), Num(cw), Num(ch), cls);
            if (box.W <= 0 || box.H <= 0) continue;
            if (!images.TryGetValue(f[ci], out var list)) images[f[ci]] = list = new List<LabelBox>();
            list.Add(box);
        }
        return new LabelSet(path, images, sizes);
    }
}

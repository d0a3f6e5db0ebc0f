using Veil.TestSupport.Fuzzing;

namespace Veil.Fuzz.Runner;

/// <summary>
/// Keeps the inputs that crashed or hung a parser, as corpus files (a comment line with what
/// happened, then hex) under out/fuzz/PARSER/, to replay or add to the corpus once fixed.
/// </summary>
internal sealed class Findings(string? folder, int seed)
{
    private const int MaxKept = 20;
    private readonly List<string> _seen = new();

    public IReadOnlyList<string> Seen => _seen;

    public void Add(long index, string what, byte[] input)
    {
        if (_seen.Count >= MaxKept) return;
        string note = what.ReplaceLineEndings(" ");
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, $"seed{seed}-input{index}.hex");
            File.WriteAllText(path, HexCorpus.Format(input, note));
            note += $" ({path})";
        }
        _seen.Add($"input {index}: {note}");
    }
}

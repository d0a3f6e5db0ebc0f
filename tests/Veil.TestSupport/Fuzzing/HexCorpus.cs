namespace Veil.TestSupport.Fuzzing;

/// <summary>
/// A test project's seed fuzz corpora, read from the source tree: tests/&lt;project&gt;/Corpus/&lt;Parser&gt;/,
/// one input per *.hex file as hex digits (whitespace ignored, lines starting with # are comments),
/// or per text file (*.json) as it is, without its # comment lines.
/// </summary>
public sealed class HexCorpus(string testProject)
{
    public string Root { get; } = Path.Combine(SharedData.RepoRoot, "tests", testProject, "Corpus");

    public string Folder(string parser) => Path.Combine(Root, parser);

    public IEnumerable<string> FileNames(string parser, string pattern = "*.hex") =>
        Directory.GetFiles(Folder(parser), pattern).Select(path => Path.GetFileName(path)).Order();

    public byte[] ReadHex(string parser, string name) => Parse(File.ReadAllLines(Path.Combine(Folder(parser), name)));

    public IEnumerable<byte[]> AllHex(string parser) => FileNames(parser).Select(name => ReadHex(parser, name));

    /// <summary>A text input: its lines but the # comments, as UTF-8.</summary>
    public byte[] ReadText(string parser, string name) =>
        System.Text.Encoding.UTF8.GetBytes(string.Join("\n", File.ReadAllLines(Path.Combine(Folder(parser), name)).Where(l => !l.TrimStart().StartsWith('#'))));

    public IEnumerable<byte[]> AllText(string parser, string pattern) => FileNames(parser, pattern).Select(name => ReadText(parser, name));

    public static byte[] Parse(IEnumerable<string> lines) =>
        Convert.FromHexString(string.Concat(string.Concat(lines.Where(l => !l.TrimStart().StartsWith('#'))).Where(c => !char.IsWhiteSpace(c))));

    /// <summary>Writes bytes as a corpus file's text: 32 bytes a line, under a comment line.</summary>
    public static string Format(byte[] bytes, string comment) =>
        $"# {comment}\n" + string.Join("\n", bytes.Chunk(32).Select(Convert.ToHexString)) + "\n";
}

namespace Veil.WebRtc.Tests;

/// <summary>
/// The seed fuzz corpora, read from the source tree: tests/Veil.WebRtc.Tests/Corpus/&lt;Parser&gt;/,
/// a packet per *.hex file as hex digits (whitespace ignored, lines starting with # are comments).
/// </summary>
internal static class SeedCorpus
{
    private static readonly string Root = FindRoot();

    public static string Folder(string parser) => Path.Combine(Root, parser);

    /// <summary>The file names of a parser's corpus, for a [Theory].</summary>
    public static TheoryData<string> Names(string parser, string pattern = "*.hex") => new(FileNames(parser, pattern));

    public static IEnumerable<string> FileNames(string parser, string pattern = "*.hex") =>
        Directory.GetFiles(Folder(parser), pattern).Select(path => Path.GetFileName(path)).Order();

    public static byte[] ReadHex(string parser, string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder(parser), name)).Where(l => !l.TrimStart().StartsWith('#'));
        return Convert.FromHexString(string.Concat(string.Concat(lines).Where(c => !char.IsWhiteSpace(c))));
    }

    public static IEnumerable<byte[]> AllHex(string parser) => FileNames(parser).Select(name => ReadHex(parser, name));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Stream.sln"))) return Path.Combine(dir.FullName, "tests", "Veil.WebRtc.Tests", "Corpus");
        throw new DirectoryNotFoundException($"no Stream.sln above {AppContext.BaseDirectory}");
    }
}

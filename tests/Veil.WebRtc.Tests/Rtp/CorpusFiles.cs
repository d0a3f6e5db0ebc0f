namespace Veil.WebRtc.Tests.Rtp;

/// <summary>
/// The seed fuzz corpus, read from the source tree: tests/Veil.WebRtc.Tests/Corpus/&lt;Parser&gt;/*.hex,
/// one packet per file as hex digits (whitespace ignored, lines starting with # are comments).
/// </summary>
public static class CorpusFiles
{
    public static TheoryData<string> Names(string parser) => new(FileNames(parser));

    public static byte[] Read(string parser, string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder(parser), name)).Where(l => !l.TrimStart().StartsWith('#'));
        return Convert.FromHexString(string.Concat(string.Concat(lines).Where(c => !char.IsWhiteSpace(c))));
    }

    public static IEnumerable<byte[]> All(string parser) => FileNames(parser).Select(name => Read(parser, name));

    private static IEnumerable<string> FileNames(string parser) => Directory.GetFiles(Folder(parser), "*.hex").Select(path => Path.GetFileName(path)).Order();

    private static string Folder(string parser)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Stream.sln"))) dir = dir.Parent;
        if (dir is null) throw new DirectoryNotFoundException($"no Stream.sln above {AppContext.BaseDirectory}");
        return Path.Combine(dir.FullName, "tests", "Veil.WebRtc.Tests", "Corpus", parser);
    }
}

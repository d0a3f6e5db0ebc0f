namespace Veil.WebRtc.Tests.Dtls;

/// <summary>The seed packets in tests/Veil.WebRtc.Tests/Corpus/&lt;parser&gt;/, one hex packet per file, read from the source tree.</summary>
internal static class DtlsCorpus
{
    public static IEnumerable<object[]> Files(string parser) =>
        Directory.GetFiles(Folder(parser), "*.hex").Order().Select(path => new object[] { Path.GetFileName(path) });

    public static byte[] Read(string parser, string file) =>
        Convert.FromHexString(string.Concat(File.ReadAllText(Path.Combine(Folder(parser), file)).Where(c => !char.IsWhiteSpace(c))));

    private static string Folder(string parser)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Stream.sln"))) directory = directory.Parent;
        if (directory is null) throw new DirectoryNotFoundException($"no Stream.sln above {AppContext.BaseDirectory}");
        return Path.Combine(directory.FullName, "tests", "Veil.WebRtc.Tests", "Corpus", parser);
    }
}

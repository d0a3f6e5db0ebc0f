using Veil.TestSupport.Fuzzing;

namespace Veil.WebRtc.Tests;

/// <summary>The seed fuzz corpora of these tests: tests/Veil.WebRtc.Tests/Corpus/&lt;Parser&gt;/*.hex.</summary>
internal static class SeedCorpus
{
    private static readonly HexCorpus Corpus = new("Veil.WebRtc.Tests");

    public static string Folder(string parser) => Corpus.Folder(parser);

    /// <summary>The file names of a parser's corpus, for a [Theory].</summary>
    public static TheoryData<string> Names(string parser, string pattern = "*.hex") => new(Corpus.FileNames(parser, pattern));

    public static IEnumerable<string> FileNames(string parser, string pattern = "*.hex") => Corpus.FileNames(parser, pattern);

    public static byte[] ReadHex(string parser, string name) => Corpus.ReadHex(parser, name);

    public static IEnumerable<byte[]> AllHex(string parser) => Corpus.AllHex(parser);
}

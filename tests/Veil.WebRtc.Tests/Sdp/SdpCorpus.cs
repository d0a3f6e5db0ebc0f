using Veil.WebRtc.Sdp;

namespace Veil.WebRtc.Tests.Sdp;

/// <summary>The seed offers and fragments in Corpus/Sdp, read from the source tree (found by walking up to Stream.sln).</summary>
internal static class SdpCorpus
{
    public static readonly string Folder = SeedCorpus.Folder("Sdp");

    /// <summary>The file as stored (LF line ends).</summary>
    public static string Read(string name) => File.ReadAllText(Path.Combine(Folder, name));

    /// <summary>The file with CRLF line ends, as browsers send SDP.</summary>
    public static string ReadCrlf(string name) => Read(name).Replace("\r\n", "\n").Replace("\n", "\r\n");

    /// <summary>A corpus offer with every occurrence of each text replaced (removed when the replacement is ""), parsed.</summary>
    public static SessionDescription Edited(string name, params (string From, string To)[] edits)
    {
        string text = Read(name);
        foreach (var (from, to) in edits)
        {
            Assert.Contains(from, text);
            text = text.Replace(from, to);
        }
        return SessionDescription.Parse(text);
    }

    public static IEnumerable<object[]> Names(string extension) =>
        Directory.GetFiles(Folder, "*" + extension).Select(Path.GetFileName).Order().Select(n => new object[] { n! });
}

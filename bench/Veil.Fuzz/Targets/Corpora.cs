using Veil.TestSupport.Fuzzing;

namespace Veil.Fuzz.Targets;

/// <summary>The seed corpora, beside the tests of the projects that own the parsers.</summary>
public static class Corpora
{
    public static readonly HexCorpus Ingest = new("Veil.Ingest.Tests");
    public static readonly HexCorpus Server = new("Veil.Server.Tests");
}

namespace Veil.WebRtc.Tests.Srtp;

/// <summary>
/// The seed packets under tests/Veil.WebRtc.Tests/Corpus/SrtpRtp and SrtpRtcp, read from the
/// source tree. A file is hex, one packet, with '#' comment lines; "# expect: reason" marks a
/// packet that must be refused with that reason, and the file name's "cm-" or "gcm-" prefix says
/// which libsrtp reference session it belongs to.
/// </summary>
internal static class SrtpCorpus
{
    public const string Rtp = "SrtpRtp", Rtcp = "SrtpRtcp";

    public static TheoryData<string> Names(string folder)
    {
        var names = new TheoryData<string>();
        foreach (var name in FileNames(folder)) names.Add(name);
        return names;
    }

    /// <summary>The packet in a corpus file and the refusal it expects (null: it must be accepted).</summary>
    public static (byte[] Packet, string? Expect) Read(string folder, string name)
    {
        string? expect = null;
        var hex = new System.Text.StringBuilder();
        foreach (var line in File.ReadAllLines(Path.Combine(Folder(folder), name)))
        {
            if (line.StartsWith("# expect:")) expect = line["# expect:".Length..].Trim();
            else if (!line.StartsWith('#')) hex.Append(line.Trim());
        }
        return (Convert.FromHexString(hex.ToString()), expect);
    }

    /// <summary>The packets the corpus says must be accepted, as seeds for mutation.</summary>
    public static byte[][] Valid(string folder, string profilePrefix) =>
        FileNames(folder).Where(n => n.StartsWith(profilePrefix))
            .Select(n => Read(folder, n)).Where(r => r.Expect is null).Select(r => r.Packet).ToArray();

    private static IEnumerable<string> FileNames(string folder) =>
        Directory.GetFiles(Folder(folder), "*.hex").Select(Path.GetFileName).OfType<string>().Order();

    private static string Folder(string folder) => SeedCorpus.Folder(folder);
}

using Veil.WebRtc.Dtls;
namespace Veil.WebRtc.Sdp;

// RFC 8866 §5: one field a line, "<type>=<value>", no spaces around '='; the session part, then
// one part per media section:
//
//   v=0
//   o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>
//   s=<session name>
//   [i= u= e= p= c= b=] t=<start> <stop> [r= z= k=]  *a=<attribute>[:<value>]
//   *( m=<media> <port> <proto> <fmt> ...
//      [i= c= b= k=]  *a=<attribute>[:<value>] )

/// <summary>Reads one description line by line; attributes go to the session or to the current media section.</summary>
internal sealed partial class SdpParser(string text)
{
    private const string LineTypes = "vosiuepcbtrzkam";
    private readonly List<SdpAttribute> sessionAttributes = [];
    private readonly List<SdpGroup> groups = [];
    private readonly List<MediaDescription> media = [];
    private readonly List<DtlsFingerprint> sessionFingerprints = [];
    private readonly HashSet<string> seen = []; // single-valued attributes met in the current part
    private MediaDescription? current;
    private string? origin, sessionName, sessionUfrag, sessionPwd;
    private DtlsSetup? sessionSetup;
    private MediaDirection? sessionDirection;
    private bool iceLite;
    private int lineNumber;

    public SessionDescription Parse()
    {
        if (text.Length > SessionDescription.MaxLength)
            throw new SdpException($"the description has {text.Length} characters, more than {SessionDescription.MaxLength}");
        var lines = text.Split('\n');
        int count = lines[^1].Length == 0 ? lines.Length - 1 : lines.Length; // a final newline ends the last line
        if (count > SessionDescription.MaxLines)
            throw new SdpException($"the description has {count} lines, more than {SessionDescription.MaxLines}");
        for (int i = 0; i < count; i++)
        {
            lineNumber = i + 1;
            string line = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            if (i == 0 && line != "v=0") throw new SdpException(1, "the description does not start with v=0");
            if (line.Length > 0) ReadLine(line);
        }
        if (count == 0) throw new SdpException("the description is empty");
        if (origin is null) throw new SdpException("no o= line");
        if (sessionName is null) throw new SdpException("no s= line");
        CheckMidsAndGroups();
        foreach (var section in media) Inherit(section);
        return new SessionDescription(origin, sessionName, sessionAttributes, groups, iceLite, media);
    }

    private void ReadLine(string line)
    {
        if (line.Length < 2 || line[1] != '=') throw Error($"'{Shorten(line)}' is not <type>=<value>");
        foreach (char c in line)
            if (c < ' ' && c != '\t') throw Error($"control character 0x{(int)c:x2} in '{Shorten(line)}'");
        char type = line[0];
        string value = line[2..];
        if (!LineTypes.Contains(type)) throw Error($"unknown line type '{type}='");
        switch (type)
        {
            case 'v' when lineNumber != 1: throw Error("a second v= line");
            case 'o' when current is not null: throw Error("o= inside a media section");
            case 'o':
                if (value.Split(' ').Length != 6) throw Error($"o= '{Shorten(value)}' does not have 6 fields");
                origin = value;
                break;
            case 's' when current is null: sessionName = value; break;
            case 'm': StartMedia(value); break;
            case 'a': ReadAttribute(value); break;
        }
    }

    private void StartMedia(string value)
    {
        if (media.Count == SessionDescription.MaxMediaSections)
            throw Error($"more than {SessionDescription.MaxMediaSections} media sections");
        current = MediaLine.Parse(value, lineNumber);
        current.Direction = sessionDirection ?? MediaDirection.SendRecv; // the session part is complete by now
        media.Add(current);
        seen.Clear();
    }

    private void ReadAttribute(string value)
    {
        int colon = value.IndexOf(':');
        string name = colon < 0 ? value : value[..colon];
        string? argument = colon < 0 ? null : value[(colon + 1)..];
        if (name.Length == 0 || name.Contains(' ')) throw Error($"a={Shorten(value)} has no attribute name");
        var attribute = new SdpAttribute(name, argument);
        if (current is null)
        {
            sessionAttributes.Add(attribute);
            ReadSessionAttribute(name, argument);
        }
        else
        {
            current.AttributeList.Add(attribute);
            ReadMediaAttribute(current, name, argument);
        }
    }

    private void CheckMidsAndGroups()
    {
        var mids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in media)
            if (section.Mid is { } mid && !mids.Add(mid))
                throw new SdpException(section.LineNumber, $"mid '{mid}' is used by two media sections");
        foreach (var group in groups)
            foreach (var mid in group.Mids)
                if (!mids.Contains(mid)) throw new SdpException($"a=group:{group.Semantics} names mid '{mid}' that no media section has");
    }

    private void Inherit(MediaDescription section)
    {
        section.IceUfrag ??= sessionUfrag;
        section.IcePwd ??= sessionPwd;
        section.Setup ??= sessionSetup;
        if (section.FingerprintList.Count == 0) section.FingerprintList.AddRange(sessionFingerprints);
    }

    private SdpException Error(string message) => new(lineNumber, message);

    internal static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}

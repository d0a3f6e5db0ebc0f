using Veil.Ingest.Rtmp.Wire;

namespace Veil.Fuzz.Targets;

/// <summary>AMF0 values, as a command or data message's body is read. Allowed: <see cref="RtmpProtocolException"/>.</summary>
public sealed class Amf0Target : IFuzzTarget
{
    public string Name => "Amf0";

    public IReadOnlyList<byte[]> Seeds() => Corpora.Ingest.AllHex(Name).ToArray();

    public string? Run(byte[] input)
    {
        try
        {
            Amf0.ReadAll(input);
            return null;
        }
        catch (RtmpProtocolException) { return nameof(RtmpProtocolException); }
    }
}

using Veil.Server.Serve;

namespace Veil.Fuzz.Targets;

/// <summary>
/// A `POST /api/streams` body: read into a <see cref="StreamSpec"/> as the control API reads it
/// (<see cref="StreamSpecReader"/>: JSON syntax, then each field's type), then checked as the
/// registry checks a new stream (the relay destination added, <see cref="StreamSpec.Problems"/>).
/// Allowed: a <see cref="ControlApiException"/> (the API answers its 4xx) and a spec with problems
/// (400); anything else would be a 500.
/// </summary>
public sealed class ApiJsonTarget : IFuzzTarget
{
    private static readonly ServeSettings Relay = new() { Forward = "rtmp://relay.example/live/{stream}" };

    public string Name => "ApiJson";

    public IReadOnlyList<byte[]> Seeds() => Corpora.Server.AllText(Name, "*.json").ToArray();

    public string? Run(byte[] input)
    {
        StreamSpec spec;
        try { spec = StreamSpecReader.Read(input); }
        catch (ControlApiException e) { return $"refused {e.Status}"; }
        var problems = Problems(spec);
        Problems(Relay.WithForward(spec)); // with a relay configured, as `veil serve --forward` checks it
        return problems.Count == 0 ? null : "problems";
    }

    /// <summary>What the server would answer a 400 with, for this body's spec.</summary>
    public static List<string> Problems(StreamSpec spec) => spec.Problems().ToList();
}

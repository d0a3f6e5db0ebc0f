using System.Text.Json;
using Veil.Server.Serve;

namespace Veil.Fuzz.Targets;

/// <summary>
/// A `POST /api/streams` body: read into a <see cref="StreamSpec"/> as ASP.NET minimal APIs read it
/// (System.Text.Json, web defaults), then checked as the registry checks a new stream (the relay
/// destination added, <see cref="StreamSpec.Problems"/>). Allowed: <see cref="JsonException"/>
/// (ASP.NET answers 400), a null body, and a spec with problems; anything else would be a 500.
/// </summary>
public sealed class ApiJsonTarget : IFuzzTarget
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly ServeSettings Relay = new() { Forward = "rtmp://relay.example/live/{stream}" };

    public string Name => "ApiJson";

    public IReadOnlyList<byte[]> Seeds() => Corpora.Server.AllText(Name, "*.json").ToArray();

    public string? Run(byte[] input)
    {
        StreamSpec? spec;
        try { spec = JsonSerializer.Deserialize<StreamSpec>(input, Web); }
        catch (JsonException) { return nameof(JsonException); }
        if (spec is null) return "null body";
        var problems = Problems(spec);
        Problems(Relay.WithForward(spec)); // with a relay configured, as `veil serve --forward` checks it
        return problems.Count == 0 ? null : "problems";
    }

    /// <summary>What the server would answer a 400 with, for this body's spec.</summary>
    public static List<string> Problems(StreamSpec spec) => spec.Problems().ToList();
}

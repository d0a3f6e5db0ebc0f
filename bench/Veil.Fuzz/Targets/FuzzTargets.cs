namespace Veil.Fuzz.Targets;

/// <summary>Every parser that is fuzzed, by name.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
        [new ChunkStreamTarget(), new Amf0Target(), new FlvTagTarget(), new GrpcFrameTarget(), new ApiJsonTarget()];

    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}

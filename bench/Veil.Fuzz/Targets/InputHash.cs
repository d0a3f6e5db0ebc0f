namespace Veil.Fuzz.Targets;

/// <summary>FNV-1a over an input: a seed for choices a target makes per input, the same in every process (unlike HashCode).</summary>
internal static class InputHash
{
    public static int Of(ReadOnlySpan<byte> input)
    {
        uint hash = 2166136261;
        foreach (byte b in input) hash = (hash ^ b) * 16777619;
        return (int)hash;
    }
}

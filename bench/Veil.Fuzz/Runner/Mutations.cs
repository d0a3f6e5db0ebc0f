using Veil.TestSupport.Fuzzing;

namespace Veil.Fuzz.Runner;

/// <summary>The next input of a run: mostly a seed with a few mutations stacked, sometimes two seeds spliced, sometimes noise.</summary>
internal static class Mutations
{
    public static byte[] Next(Random random, IReadOnlyList<byte[]> seeds)
    {
        int kind = random.Next(16);
        if (kind == 0) return FuzzInput.RandomBytes(random, random.Next(0, 512));
        var input = seeds[random.Next(seeds.Count)];
        if (kind == 1) input = Splice(random, input, seeds[random.Next(seeds.Count)]);
        for (int k = random.Next(1, 5); k > 0; k--) input = FuzzInput.Mutate(random, input);
        return input;
    }

    /// <summary>The start of one seed and the end of another: a message cut off by the next one's bytes.</summary>
    private static byte[] Splice(Random random, byte[] head, byte[] tail) =>
        [.. head.AsSpan(0, random.Next(head.Length + 1)), .. tail.AsSpan(random.Next(tail.Length + 1))];
}

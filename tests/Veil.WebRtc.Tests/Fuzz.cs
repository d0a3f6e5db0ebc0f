using Veil.TestSupport.Fuzzing;

namespace Veil.WebRtc.Tests;

/// <summary>Random and mutated inputs for the parsers' robustness tests (fixed seeds, so failures repeat).</summary>
internal static class Fuzz
{
    public static void WithinDeadline(Action loop, int seconds = 120) => FuzzInput.WithinDeadline(loop, seconds);

    public static byte[] RandomBytes(Random random, int length) => FuzzInput.RandomBytes(random, length);

    public static byte[] Mutate(Random random, byte[] source) => FuzzInput.Mutate(random, source);
}

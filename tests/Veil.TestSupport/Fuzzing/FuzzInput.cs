namespace Veil.TestSupport.Fuzzing;

/// <summary>Random and mutated inputs for parsers' robustness tests and fuzz runs (fixed seeds, so failures repeat).</summary>
public static class FuzzInput
{
    /// <summary>Runs a fuzz loop on another thread so a parser stuck in a loop fails instead of hanging the run.</summary>
    public static void WithinDeadline(Action loop, int seconds = 120)
    {
        var run = Task.Run(loop);
        if (!run.Wait(TimeSpan.FromSeconds(seconds))) throw new TimeoutException($"the fuzz loop did not finish in {seconds} s: a parser may be stuck");
    }

    public static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A copy of <paramref name="source"/> with a few bytes or bits changed, sometimes cut short or extended.</summary>
    public static byte[] Mutate(Random random, byte[] source)
    {
        var bytes = (byte[])source.Clone();
        if (bytes.Length > 0)
        {
            for (int k = random.Next(1, 4); k > 0; k--)
            {
                int at = random.Next(bytes.Length);
                bytes[at] = random.Next(2) == 0 ? (byte)random.Next(256) : (byte)(bytes[at] ^ (1 << random.Next(8)));
            }
        }
        return random.Next(5) switch
        {
            0 => bytes[..random.Next(bytes.Length + 1)],
            1 => [.. bytes, .. RandomBytes(random, random.Next(1, 8))],
            _ => bytes,
        };
    }
}

namespace Veil.Fuzz.Runner;

/// <summary>What one parser's fuzz run saw.</summary>
/// <param name="Refusals">The allowed refusals by name (a protocol error, a 400): how many of each.</param>
/// <param name="Crashes">Inputs that made the parser throw something it must not, or break an invariant.</param>
/// <param name="Hangs">Inputs that took longer than the deadline (or never finished: <paramref name="Stuck"/>).</param>
/// <param name="AllocatedBytesPerInput">Managed bytes the parser allocated per input, on average.</param>
/// <param name="MaxAllocatedBytes">The most one input made it allocate.</param>
/// <param name="PeakRssMiB">The process's peak resident memory (VmHWM), a fresh process per parser.</param>
/// <param name="Findings">The first few crashes and hangs, each with the file its input was saved to.</param>
public sealed record FuzzResult(
    string Parser,
    long Inputs,
    long Taken,
    IReadOnlyDictionary<string, long> Refusals,
    long Crashes,
    long Hangs,
    bool Stuck,
    double Seconds,
    double SlowestInputMs,
    double AllocatedBytesPerInput,
    long MaxAllocatedBytes,
    double PeakRssMiB,
    IReadOnlyList<string> Findings)
{
    public long Refused => Refusals.Values.Sum();

    public double InputsPerSecond => Seconds > 0 ? Inputs / Seconds : 0;
}

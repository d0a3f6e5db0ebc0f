namespace Veil.Fuzz.Targets;

/// <summary>One parser, driven the way Veil drives it, one input at a time.</summary>
public interface IFuzzTarget
{
    /// <summary>The parser's name, which is also its corpus folder.</summary>
    string Name { get; }

    /// <summary>The seed inputs: the corpus beside the tests.</summary>
    IReadOnlyList<byte[]> Seeds();

    /// <summary>
    /// Runs one input: null when it was taken, or the name of a refusal the parser is allowed to make
    /// (its protocol error). Anything else it throws is a defect, and so is a broken invariant
    /// (<see cref="InvariantBrokenException"/>).
    /// </summary>
    string? Run(byte[] input);
}

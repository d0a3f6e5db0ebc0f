namespace Veil.Vision.Quantization;

/// <summary>
/// A tensor h quantized so that its DequantizeLinear gives y = clamp(a·h + b) directly: the Q uses
/// y's scale divided by a and y's zero point moved by b, the DQ uses y's own parameters, and the
/// nodes that computed y from h disappear. ONNX Runtime fuses each side into the integer kernel
/// around it, so a per-channel affine after an activation, or a HardSigmoid (whose clip to [0, 1]
/// the uint8 saturation does), costs nothing at run time.
/// </summary>
/// <param name="Target">y, the tensor whose consumers read the DQ.</param>
/// <param name="Scale">a, positive.</param>
/// <param name="Shift">b.</param>
/// <param name="UnitRange">y is a HardSigmoid's output: quantized on [0, 1] in 254 steps (so b·254 is a whole zero point), not calibrated.</param>
internal sealed record Requantization(string Target, float Scale, float Shift, bool UnitRange)
{
    /// <summary>y's quantization: fixed for a HardSigmoid, else its calibrated range widened to hold b (so h = 0 is representable).</summary>
    public ActivationQuantization TargetQuantization(Func<string, (float Min, float Max)> rangeOf)
    {
        if (UnitRange) return new(1f / 254f, 0);
        var (min, max) = rangeOf(Target);
        return ActivationQuantization.FromRange(MathF.Min(min, Shift), MathF.Max(max, Shift));
    }

    /// <summary>The quantization h is written with, such that reading it with <paramref name="target"/>'s gives a·h + b.</summary>
    public ActivationQuantization SourceQuantization(ActivationQuantization target)
    {
        float zero = MathF.Round(target.ZeroPoint + Shift / target.Scale, MidpointRounding.ToEven);
        return new(target.Scale / Scale, (byte)Math.Clamp(zero, 0, 255));
    }
}

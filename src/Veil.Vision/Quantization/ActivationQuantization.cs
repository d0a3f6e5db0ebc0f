namespace Veil.Vision.Quantization;

/// <summary>
/// Asymmetric uint8 quantization of an activation over a calibrated range: the range is widened to
/// hold zero (zero-padding and ReLU outputs must be exact) and split into 255 steps.
/// </summary>
internal readonly record struct ActivationQuantization(float Scale, byte ZeroPoint)
{
    public static ActivationQuantization FromRange(float min, float max)
    {
        if (!float.IsFinite(min) || !float.IsFinite(max) || min > max)
            throw new ArgumentException($"range [{min}, {max}] is not a range of finite numbers");
        min = MathF.Min(min, 0);
        max = MathF.Max(max, 0);
        if (max == min) return new(1f, 0); // always zero: any scale represents it
        float scale = (max - min) / 255f;
        float zero = MathF.Round(-min / scale, MidpointRounding.ToEven);
        return new(scale, (byte)Math.Clamp(zero, 0, 255));
    }

    /// <summary>Quantizes constant values (an Add's or Mul's other operand) over their own range.</summary>
    public static (ActivationQuantization Params, byte[] Values) Constant(ReadOnlySpan<float> values)
    {
        float min = 0, max = 0;
        foreach (var v in values)
        {
            min = MathF.Min(min, v);
            max = MathF.Max(max, v);
        }
        var q = FromRange(min, max);
        var bytes = new byte[values.Length];
        for (int i = 0; i < values.Length; i++)
            bytes[i] = (byte)Math.Clamp(MathF.Round(values[i] / q.Scale, MidpointRounding.ToEven) + q.ZeroPoint, 0, 255);
        return (q, bytes);
    }
}

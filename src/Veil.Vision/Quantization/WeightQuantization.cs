namespace Veil.Vision.Quantization;

/// <summary>
/// Symmetric int8 weights, one scale per output channel (Conv: axis 0; MatMul: the last axis):
/// channels of very different magnitude each keep 8 bits of their own. The range is ±127 so that
/// zero is exact and −128 never appears; ±63 with 7 bits (see <see cref="CalibrationFile.WeightBits"/>).
/// </summary>
internal static class WeightQuantization
{
    /// <param name="bits">8, or 7 for CPUs whose u8·s8 kernels add two products in 16 bits (AVX2 and AVX-512 without VNNI).</param>
    public static (sbyte[] Values, float[] Scales) PerChannel(ReadOnlySpan<float> weights, IReadOnlyList<long> dims, int axis, int bits = 8)
    {
        int levels = (1 << (bits - 1)) - 1;
        long outer = 1, inner = 1;
        for (int d = 0; d < axis; d++) outer *= dims[d];
        for (int d = axis + 1; d < dims.Count; d++) inner *= dims[d];
        int channels = (int)dims[axis];
        var scales = new float[channels];
        for (long o = 0; o < outer; o++)
        for (int c = 0; c < channels; c++)
        {
            var block = weights.Slice((int)((o * channels + c) * inner), (int)inner);
            foreach (var w in block) scales[c] = MathF.Max(scales[c], MathF.Abs(w));
        }
        for (int c = 0; c < channels; c++) scales[c] = scales[c] > 0 ? scales[c] / levels : 1f;

        var values = new sbyte[weights.Length];
        for (long o = 0; o < outer; o++)
        for (int c = 0; c < channels; c++)
        {
            int start = (int)((o * channels + c) * inner);
            for (int i = start; i < start + inner; i++)
                values[i] = (sbyte)Math.Clamp(MathF.Round(weights[i] / scales[c], MidpointRounding.ToEven), -levels, levels);
        }
        return (values, scales);
    }

    /// <summary>A bias as int32 on the scale its convolution's accumulator has: input scale × weight scale, per channel.</summary>
    public static (int[] Values, float[] Scales) Bias(ReadOnlySpan<float> bias, float inputScale, ReadOnlySpan<float> weightScales)
    {
        var values = new int[bias.Length];
        var scales = new float[bias.Length];
        for (int c = 0; c < bias.Length; c++)
        {
            scales[c] = inputScale * weightScales[c];
            double q = Math.Round(bias[c] / (double)scales[c], MidpointRounding.ToEven);
            values[c] = (int)Math.Clamp(q, int.MinValue + 1, int.MaxValue);
        }
        return (values, scales);
    }
}

using Veil.Vision.Quantization;

namespace Veil.Vision.Tests.Quantization;

public sealed class RequantizationTests
{
    // What ONNX's QuantizeLinear then DequantizeLinear compute.
    private static float RoundTrip(float h, ActivationQuantization write, ActivationQuantization read)
    {
        float q = Math.Clamp(MathF.Round(h / write.Scale, MidpointRounding.ToEven) + write.ZeroPoint, 0, 255);
        return (q - read.ZeroPoint) * read.Scale;
    }

    [Fact]
    public void A_hard_sigmoid_is_its_inputs_quantization_read_on_the_unit_range()
    {
        var requant = new Requantization("gate", 1f / 6f, 0.5f, UnitRange: true);
        var read = requant.TargetQuantization(_ => throw new InvalidOperationException("a HardSigmoid's range is not calibrated"));
        var write = requant.SourceQuantization(read);

        for (float x = -8; x <= 8; x += 0.01f)
        {
            float expected = Math.Clamp(x / 6f + 0.5f, 0, 1);
            Assert.True(Math.Abs(RoundTrip(x, write, read) - expected) <= 1f / 254f + 1e-6f, $"x = {x}");
        }
    }

    [Fact]
    public void An_affine_after_a_tensor_is_its_quantization_read_with_the_outputs_parameters()
    {
        var requant = new Requantization("y", 0.7f, 0.2f, UnitRange: false);
        var read = requant.TargetQuantization(_ => (-1.5f, 4f));
        var write = requant.SourceQuantization(read);

        for (float h = -2.4f; h <= 5.4f; h += 0.003f)
        {
            float expected = 0.7f * h + 0.2f;
            Assert.True(Math.Abs(RoundTrip(h, write, read) - expected) <= read.Scale, $"h = {h}");
        }
    }

    [Fact]
    public void Activation_ranges_always_hold_zero_exactly()
    {
        var q = ActivationQuantization.FromRange(0.5f, 6f);

        Assert.Equal(0, q.ZeroPoint);
        Assert.Equal(6f / 255f, q.Scale, 6);
        Assert.Equal(0f, RoundTrip(0f, q, q));
        Assert.Equal(new ActivationQuantization(1f, 0), ActivationQuantization.FromRange(0, 0));
    }
}

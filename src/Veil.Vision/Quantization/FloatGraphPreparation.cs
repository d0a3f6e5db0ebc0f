using Veil.Vision.Quantization.Onnx;

namespace Veil.Vision.Quantization;

/// <summary>
/// The float graph the quantizer calibrates and rewrites: the upstream model with its constants as
/// initializers, BatchNorm and per-channel affines folded into convolutions, hard-swish in two
/// nodes, at opset 13. The same function as the upstream model (to float rounding); calibration
/// ranges are named after this graph's tensors.
/// </summary>
internal static class FloatGraphPreparation
{
    public static ModelProto Prepare(ModelProto upstream)
    {
        var model = upstream.Clone();
        var graph = model.Graph;
        ConstantNodeFolding.Apply(graph);
        OpsetUpgrade.Apply(model);
        ConvFolding.Apply(graph);
        HardSwishRewrite.Apply(graph);
        OnnxGraphCleanup.RemoveUnusedInitializers(graph);
        // Shapes recorded for the upstream tensors may no longer hold (renamed, folded): ONNX Runtime infers them again.
        graph.ValueInfo.Clear();
        return model;
    }
}

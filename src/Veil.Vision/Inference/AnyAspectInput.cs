using Veil.Vision.Models;
using Veil.Vision.Quantization;
using Veil.Vision.Quantization.Onnx;

namespace Veil.Vision.Inference;

/// <summary>
/// Frees the fixed picture size a model's graph declares, for models whose manifest says they read
/// any aspect (<see cref="ModelInputSpec.AnyAspect"/>): the file on disk, and so its pinned sha256,
/// stay as published; the session is made from the edited bytes. YOLOX's export declares 416x416,
/// but its layers are convolutions, scale-2 resizes and reshapes to [1, 85, -1], so a 16:9 frame
/// is read at its own aspect (480x288 with the manifest's long_side, 20 % fewer pixels than its
/// letterbox in the 416x416 square).
/// </summary>
internal static class AnyAspectInput
{
    public static byte[] Free(ModelSpec spec, string path)
    {
        var model = OnnxModelFile.Read(path);
        var graph = model.Graph;
        var input = graph.Input.FirstOrDefault(i => i.Name == spec.Input.Name)
            ?? throw ModelException.InputMismatch(spec, path, $"has no input \"{spec.Input.Name}\"");
        var dims = input.Type?.TensorType?.Shape?.Dim;
        if (dims is null || dims.Count != 4)
            throw ModelException.InputMismatch(spec, path, $"input \"{spec.Input.Name}\" declares no 4-axis shape");
        var declared = dims.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? (int)d.DimValue : -1).ToArray();
        if (spec.Input.FindMismatch(declared) is { } problem) throw ModelException.InputMismatch(spec, path, problem);

        var (h, w) = spec.Input.Layout == ModelTensorLayout.Nhwc ? (1, 2) : (2, 3);
        dims[h].DimParam = "height";
        dims[w].DimParam = "width";
        // Shapes recorded for the declared size would contradict the new one: ONNX Runtime infers them again.
        graph.ValueInfo.Clear();
        foreach (var output in graph.Output)
            if (output.Type?.TensorType is { } tensor) tensor.Shape = null;
        return OnnxModelFile.Serialize(model);
    }
}

using Veil.Vision.Quantization.Onnx;
using AttributeType = Veil.Vision.Quantization.Onnx.AttributeProto.Types.AttributeType;

namespace Veil.Vision.Quantization;

/// <summary>Reads and makes node attributes.</summary>
internal static class OnnxAttributes
{
    public static AttributeProto? Find(NodeProto node, string name)
    {
        foreach (var a in node.Attribute)
            if (a.Name == name) return a;
        return null;
    }

    public static long Int(NodeProto node, string name, long fallback) => Find(node, name) is { } a ? a.I : fallback;

    public static float Float(NodeProto node, string name, float fallback) => Find(node, name) is { } a ? a.F : fallback;

    public static IReadOnlyList<long>? Ints(NodeProto node, string name) => Find(node, name)?.Ints;

    public static AttributeProto OfInt(string name, long value) => new() { Name = name, Type = AttributeType.Int, I = value };

    public static AttributeProto OfFloat(string name, float value) => new() { Name = name, Type = AttributeType.Float, F = value };
}

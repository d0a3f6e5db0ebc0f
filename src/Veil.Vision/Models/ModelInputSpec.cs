using System.Text.Json.Serialization;

namespace Veil.Vision.Models;

/// <summary>
/// A model's image input and how pixels become tensor values:
/// <c>value = (pixel · Scale − Mean[c]) / Std[c]</c>, with <c>c</c> the tensor's channel index in
/// <see cref="Colour"/> order (for BGR, Mean[0] applies to blue).
/// </summary>
public sealed record ModelInputSpec
{
    /// <summary>The input tensor's name in the ONNX graph.</summary>
    public string Name { get; init; } = "";

    public ModelTensorLayout Layout { get; init; }

    public ModelColourOrder Colour { get; init; }

    /// <summary>Fixed input width in pixels, or 0 when the model takes any width (a multiple of <see cref="Multiple"/>).</summary>
    public int Width { get; init; }

    /// <summary>Fixed input height in pixels, or 0 when the model takes any height (a multiple of <see cref="Multiple"/>).</summary>
    public int Height { get; init; }

    /// <summary>Dynamic sides must be a multiple of this (the model's largest stride).</summary>
    public int Multiple { get; init; } = 1;

    public float Scale { get; init; } = 1;

    public IReadOnlyList<float> Mean { get; init; } = [0, 0, 0];

    public IReadOnlyList<float> Std { get; init; } = [1, 1, 1];

    /// <summary>Raw pixel value of letterbox padding (114 for YOLOX); 0 when not given.</summary>
    public float? Pad { get; init; }

    /// <summary>
    /// The graph declares a fixed <see cref="Width"/> x <see cref="Height"/> but computes at any size
    /// that is a multiple of <see cref="Multiple"/>: Veil frees the declared size at load and reads a
    /// picture with its long side at the declared one and its short side as the picture needs, rather
    /// than letterboxed into the declared square.
    /// </summary>
    public bool AnyAspect { get; init; }

    /// <summary>
    /// With <see cref="AnyAspect"/>, the long side a picture is read at (a multiple of
    /// <see cref="Multiple"/>); 0 reads it at the declared <see cref="Width"/>.
    /// </summary>
    public int LongSide { get; init; }

    /// <summary>The long side a picture is read at: <see cref="LongSide"/> when set, else the declared width.</summary>
    [JsonIgnore]
    public int ReadLongSide => AnyAspect && LongSide > 0 ? LongSide : Width;

    /// <summary>True when width and height are chosen per frame rather than fixed by the model.</summary>
    [JsonIgnore]
    public bool IsDynamic => Width == 0 && Height == 0;

    /// <summary>
    /// Compares the dimensions the ONNX graph declares for this input (-1 or 0 for a dynamic axis, as
    /// ONNX Runtime reports them) with this spec. Returns what does not match, or null when it matches.
    /// </summary>
    public string? FindMismatch(IReadOnlyList<int> dimensions)
    {
        string declared = $"[{string.Join(',', dimensions)}]";
        if (dimensions.Count != 4) return $"input \"{Name}\" has shape {declared}, expected 4 axes ({Layout})";
        var (c, h, w) = Layout == ModelTensorLayout.Nhwc ? (3, 1, 2) : (1, 2, 3);
        if (dimensions[c] > 0 && dimensions[c] != 3)
            return $"input \"{Name}\" has shape {declared}: {dimensions[c]} channels, expected 3 ({Layout})";
        if (Side(dimensions[h], Height) is { } hp) return $"input \"{Name}\" has shape {declared}: height {hp}";
        if (Side(dimensions[w], Width) is { } wp) return $"input \"{Name}\" has shape {declared}: width {wp}";
        return null;
    }

    private static string? Side(int declared, int expected) => (declared > 0, expected > 0) switch
    {
        (true, true) when declared != expected => $"is {declared}, the manifest says {expected}",
        (true, false) => $"is fixed at {declared}, the manifest says dynamic (0)",
        (false, true) => $"is dynamic, the manifest says {expected}",
        _ => null,
    };
}

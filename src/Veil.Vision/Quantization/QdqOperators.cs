namespace Veil.Vision.Quantization;

/// <summary>How a node takes part in the QDQ graph.</summary>
internal enum QdqRole
{
    /// <summary>Conv and MatMul: activation in, int8 weights (per output channel), int32 bias, activation out.</summary>
    Weighted,

    /// <summary>Every input and the output quantized with their own ranges (Add, Mul, Concat, Sigmoid, pools).</summary>
    Elementwise,

    /// <summary>Moves or selects values (MaxPool, Resize, Reshape, ...): the output shares the input's scale, so ONNX Runtime runs it on uint8 directly.</summary>
    PassThrough,
}

/// <summary>
/// The operators ONNX Runtime's CPU provider fuses from QDQ groups into integer kernels (QLinearConv,
/// QLinearMatMul, QLinearAdd/Mul, QLinearConcat, QLinearSigmoid, QLinear(Global)AveragePool,
/// QLinearLeakyRelu) or runs on uint8 once the DQ/Q around it are dropped. Anything else stays float.
/// </summary>
internal static class QdqOperators
{
    private static readonly Dictionary<string, QdqRole> s_roles = new(StringComparer.Ordinal)
    {
        ["Conv"] = QdqRole.Weighted,
        ["MatMul"] = QdqRole.Weighted,
        ["Add"] = QdqRole.Elementwise,
        ["Mul"] = QdqRole.Elementwise,
        ["Concat"] = QdqRole.Elementwise,
        ["Sigmoid"] = QdqRole.Elementwise,
        ["LeakyRelu"] = QdqRole.Elementwise,
        ["AveragePool"] = QdqRole.Elementwise,
        ["GlobalAveragePool"] = QdqRole.Elementwise,
        ["MaxPool"] = QdqRole.PassThrough,
        ["Resize"] = QdqRole.PassThrough,
        ["Reshape"] = QdqRole.PassThrough,
        ["Transpose"] = QdqRole.PassThrough,
        ["Slice"] = QdqRole.PassThrough,
        ["Squeeze"] = QdqRole.PassThrough,
        ["Unsqueeze"] = QdqRole.PassThrough,
        ["Flatten"] = QdqRole.PassThrough,
    };

    /// <summary>Nodes that do the heavy lifting; the rest of a graph after the last of them is its output head.</summary>
    private static readonly HashSet<string> s_compute = new(StringComparer.Ordinal) { "Conv", "ConvTranspose", "MatMul", "Gemm" };

    public static QdqRole? RoleOf(string opType) => s_roles.TryGetValue(opType, out var role) ? role : null;

    public static bool IsCompute(string opType) => s_compute.Contains(opType);

    /// <summary>Activations that follow a quantized node and that its output quantizer makes redundant (ONNX Runtime drops them).</summary>
    public static bool IsClip(string opType) => opType is "Relu" or "Clip";
}

using System.Runtime.InteropServices;
using Google.Protobuf;
using Veil.Vision.Quantization.Onnx;

namespace Veil.Vision.Quantization;

/// <summary>Reads and makes the initializer tensors the quantizer touches (little-endian raw data).</summary>
internal static class OnnxTensors
{
    public const int Float = (int)TensorProto.Types.DataType.Float;
    public const int UInt8 = (int)TensorProto.Types.DataType.Uint8;
    public const int Int8 = (int)TensorProto.Types.DataType.Int8;
    public const int Int32 = (int)TensorProto.Types.DataType.Int32;
    public const int Int64 = (int)TensorProto.Types.DataType.Int64;

    static OnnxTensors()
    {
        // ONNX raw data is little-endian; so is every machine .NET runs Veil on, which lets spans be cast.
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("the ONNX quantizer needs a little-endian machine");
    }

    public static long ElementCount(TensorProto tensor)
    {
        long n = 1;
        foreach (var d in tensor.Dims) n *= d;
        return n;
    }

    public static float[] ToFloats(TensorProto tensor)
    {
        if (tensor.DataType != Float) throw new NotSupportedException($"tensor \"{tensor.Name}\" is of ONNX type {tensor.DataType}, not float");
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
            throw new NotSupportedException($"tensor \"{tensor.Name}\" keeps its data in an external file");
        return tensor.HasRawData ? MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray() : tensor.FloatData.ToArray();
    }

    public static long[] ToInt64s(TensorProto tensor)
    {
        if (tensor.DataType != Int64) throw new NotSupportedException($"tensor \"{tensor.Name}\" is of ONNX type {tensor.DataType}, not int64");
        return tensor.HasRawData ? MemoryMarshal.Cast<byte, long>(tensor.RawData.Span).ToArray() : tensor.Int64Data.ToArray();
    }

    public static TensorProto OfFloats(string name, IEnumerable<long> dims, ReadOnlySpan<float> values) => Make(name, Float, dims, MemoryMarshal.AsBytes(values));

    public static TensorProto OfInt8s(string name, IEnumerable<long> dims, ReadOnlySpan<sbyte> values) => Make(name, Int8, dims, MemoryMarshal.AsBytes(values));

    public static TensorProto OfUInt8s(string name, IEnumerable<long> dims, ReadOnlySpan<byte> values) => Make(name, UInt8, dims, values);

    public static TensorProto OfInt32s(string name, IEnumerable<long> dims, ReadOnlySpan<int> values) => Make(name, Int32, dims, MemoryMarshal.AsBytes(values));

    public static TensorProto OfInt64s(string name, IEnumerable<long> dims, ReadOnlySpan<long> values) => Make(name, Int64, dims, MemoryMarshal.AsBytes(values));

    private static TensorProto Make(string name, int type, IEnumerable<long> dims, ReadOnlySpan<byte> raw)
    {
        var tensor = new TensorProto { Name = name, DataType = type, RawData = ByteString.CopyFrom(raw) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }
}

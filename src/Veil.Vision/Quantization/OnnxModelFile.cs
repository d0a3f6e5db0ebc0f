using Google.Protobuf;
using Veil.Vision.Quantization.Onnx;

namespace Veil.Vision.Quantization;

/// <summary>
/// Reads and writes ONNX model files through ONNX's own schema. Writing the same model twice gives
/// the same bytes (the schema has no maps), which is what lets an int8 file's sha256 be pinned.
/// </summary>
internal static class OnnxModelFile
{
    public static ModelProto Parse(byte[] bytes, string what)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new FormatException($"{what} is not an ONNX model: {e.Message}", e);
        }
        if (model.Graph is null) throw new FormatException($"{what} is not an ONNX model: it has no graph");
        return model;
    }

    public static ModelProto Read(string path) => Parse(File.ReadAllBytes(path), path);

    public static byte[] Serialize(ModelProto model) => model.ToByteArray();
}
